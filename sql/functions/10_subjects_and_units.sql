-- How codes, names and units are read: one function per rule, used by every load below.

CREATE FUNCTION warehouse.subject_level(code text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE length(code) WHEN 3 THEN '类' WHEN 5 THEN '款' WHEN 7 THEN '项' ELSE '合计' END
$$;
COMMENT ON FUNCTION warehouse.subject_level(text) IS 'Level of a functional or economic subject code: 类 (3 digits), 款 (5), 项 (7); 合计 for NULL.';

CREATE FUNCTION warehouse.subject_parent(code text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN length(code) > 3 THEN left(code, length(code) - 2) END
$$;
COMMENT ON FUNCTION warehouse.subject_parent(text) IS 'The code one level up (20103 for 2010301, 301 for 30101); NULL for a 类.';

CREATE FUNCTION warehouse.subject_name(item text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT regexp_replace(item, '^[一二三四五六七八九十]+、', '')
$$;
COMMENT ON FUNCTION warehouse.subject_name(text) IS 'A subject''s name as printed, without the ordinal that class rows of 01 and 04 put before it (一、一般公共服务支出).';

CREATE FUNCTION warehouse.in_wan_yuan(value numeric, unit text) RETURNS numeric
LANGUAGE sql IMMUTABLE AS $$
    -- Moving the point four places: 12,345.67 元 is 1.234567 万元, with no digits made up.
    SELECT CASE unit WHEN '元' THEN value * 0.0001 ELSE value END
$$;
COMMENT ON FUNCTION warehouse.in_wan_yuan(numeric, text) IS 'An amount in 万元, exactly: 元 are divided by 10000; counts (辆, 台套) and 万元 are returned as they are.';

CREATE FUNCTION warehouse.statistics_measure(section text, item text, unit text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN section LIKE '%采购%' THEN
            CASE WHEN item LIKE '%合计%' THEN 'procurement_total' WHEN item LIKE '%货物%' THEN 'procurement_goods'
                 WHEN item LIKE '%工程%' THEN 'procurement_works' WHEN item LIKE '%服务%' THEN 'procurement_services'
                 ELSE 'other' END
        WHEN section LIKE '%机关运行经费%' THEN
            CASE WHEN item LIKE '%参照%' THEN 'operating_cost_civil_service_managed' ELSE 'operating_cost_administrative' END
        WHEN unit = '辆' THEN CASE WHEN item LIKE '%合计%' THEN 'vehicles_total' ELSE 'vehicles_by_kind' END
        WHEN unit = '台套' THEN 'equipment_over_1m'
        ELSE 'other'
    END
$$;
COMMENT ON FUNCTION warehouse.statistics_measure(text, text, text) IS 'The measure an item of 公开10表 states, from its section, label and unit (see fact_statistics.measure_code).';
