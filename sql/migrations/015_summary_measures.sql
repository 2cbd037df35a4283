-- The totals of the summary tables (01 and 04) by what they measure, whatever a template
-- calls them: the analytics join on this vocabulary instead of filtering row labels, and
-- a template's other spelling is one row here.
CREATE TABLE warehouse.dim_summary_measure (
    spelling text PRIMARY KEY,
    side text NOT NULL CHECK (side IN ('income', 'expenditure')),
    measure text NOT NULL CHECK (measure IN ('income_total', 'expenditure_total', 'carryover_begin', 'carryover_end'))
);
INSERT INTO warehouse.dim_summary_measure (spelling, side, measure) VALUES
    ('本年收入合计', 'income', 'income_total'),
    ('当年收入小计', 'income', 'income_total'),
    ('本年支出合计', 'expenditure', 'expenditure_total'),
    ('当年支出小计', 'expenditure', 'expenditure_total'),
    ('年初结转和结余', 'income', 'carryover_begin'),
    ('年末结转和结余', 'expenditure', 'carryover_end');
COMMENT ON TABLE warehouse.dim_summary_measure IS 'What a total row of the summary tables (收入支出决算总表, 财政拨款收入支出决算总表, and the budgets'' 收支预算总表) measures, by its printed spelling. Grain: one spelling of one side.';
COMMENT ON COLUMN warehouse.dim_summary_measure.spelling IS 'The row''s item as printed (fact_summary_item.item): 本年收入合计, or Jiangsu''s budgets'' 当年收入小计.';
COMMENT ON COLUMN warehouse.dim_summary_measure.side IS 'income or expenditure, as fact_summary_item.side.';
COMMENT ON COLUMN warehouse.dim_summary_measure.measure IS 'income_total (本年收入), expenditure_total (本年支出), carryover_begin (年初结转和结余) or carryover_end (年末结转和结余).';
