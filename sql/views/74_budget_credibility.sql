-- analytics.budget_credibility: how far spending strayed from the published budget, the
-- PEFA way (indicators PI-1 and PI-2.1), per department and year, by functional class.
DROP VIEW IF EXISTS analytics.budget_credibility CASCADE;
CREATE VIEW analytics.budget_credibility AS
WITH totals AS (
    SELECT department, fiscal_year, budget, final FROM analytics.budget_vs_final
    WHERE level = '合计' AND budget > 0 AND final IS NOT NULL
), classes AS (
    -- Each class's budget scaled to what was spent in all (PI-2.1's adjusted budget), and what was spent on it.
    SELECT v.department, v.fiscal_year, coalesce(v.budget, 0) * t.final / t.budget AS adjusted_budget,
        coalesce(v.final, 0) AS final
    FROM analytics.budget_vs_final v JOIN totals t USING (department, fiscal_year)
    WHERE v.level = '类'
), deviations AS (
    SELECT t.department, t.fiscal_year, t.budget, t.final,
        100 * abs(t.final - t.budget) / t.budget AS aggregate_deviation,
        (SELECT 100 * sum(abs(c.final - c.adjusted_budget)) / nullif(sum(c.adjusted_budget), 0) FROM classes c
         WHERE c.department = t.department AND c.fiscal_year = t.fiscal_year) AS composition_deviation,
        (SELECT count(*) FROM classes c WHERE c.department = t.department AND c.fiscal_year = t.fiscal_year) AS classes
    FROM totals t
), grade (grade, from_percent, below_percent) AS (
    -- PEFA's scale for one year's deviation.
    VALUES ('A', 0, 5), ('B', 5, 10), ('C', 10, 15), ('D', 15, NULL)
)
SELECT d.department, d.fiscal_year, d.budget AS budget_total, d.final AS final_total,
    round(d.aggregate_deviation, 2) AS aggregate_deviation, a.grade AS aggregate_grade,
    round(d.composition_deviation, 2) AS composition_deviation, c.grade AS composition_grade, d.classes
FROM deviations d
LEFT JOIN grade a ON d.aggregate_deviation >= a.from_percent
    AND (a.below_percent IS NULL OR d.aggregate_deviation < a.below_percent)
LEFT JOIN grade c ON d.composition_deviation >= c.from_percent
    AND (c.below_percent IS NULL OR d.composition_deviation < c.below_percent);

COMMENT ON VIEW analytics.budget_credibility IS 'Budget credibility (PEFA PI-1 aggregate expenditure outturn, PI-2.1 expenditure composition outturn by functional class), from analytics.budget_vs_final: all funds, the published budget against the 决算. One row per department × fiscal year with both. PEFA grades over three years; these are one year''s.';
COMMENT ON COLUMN analytics.budget_credibility.department IS '部门 — department name.';
COMMENT ON COLUMN analytics.budget_credibility.fiscal_year IS '年度 — fiscal year.';
COMMENT ON COLUMN analytics.budget_credibility.budget_total IS '预算 本年支出合计 — expenditure budgeted, 万元.';
COMMENT ON COLUMN analytics.budget_credibility.final_total IS '决算 本年支出合计 — expenditure, 万元.';
COMMENT ON COLUMN analytics.budget_credibility.aggregate_deviation IS 'PI-1: |final − budget| ÷ budget × 100, in percent, rounded to 2 places.';
COMMENT ON COLUMN analytics.budget_credibility.aggregate_grade IS 'A (under 5 %), B (under 10 %), C (under 15 %) or D, of the unrounded aggregate deviation.';
COMMENT ON COLUMN analytics.budget_credibility.composition_deviation IS 'PI-2.1: Σ |final − adjusted budget| ÷ Σ adjusted budget × 100 over the functional classes (类), each class''s budget scaled by final_total ÷ budget_total so that the aggregate deviation is left out; percent, rounded to 2 places.';
COMMENT ON COLUMN analytics.budget_credibility.composition_grade IS 'A (under 5 %), B (under 10 %), C (under 15 %) or D, of the unrounded composition deviation.';
COMMENT ON COLUMN analytics.budget_credibility.classes IS 'Functional classes (类) compared: printed in the budget, the 决算 or both.';
