import JuesuanETL
import JuesuanText
import PostgresClient

/// A document of a batch with the id the database gave it: every row it stages carries both.
final class StoredDocument: Sendable {
    let id: String
    let checked: CheckedDocument
    var document: ParsedDocument { checked.document }

    init(id: String, checked: CheckedDocument) {
        self.id = id
        self.checked = checked
    }

    func page(ofLine line: Int?) -> Int? { line.flatMap(document.page(ofLine:)) }
}

/// One parsed entity of a stored document: a cell, a table, a figure, a finding…
struct Placed<Entity> {
    let document: StoredDocument
    let entity: Entity
}

extension Array where Element == StoredDocument {
    /// Each document's entities, each beside its document.
    func placing<Entities: Sequence>(_ entities: @escaping (StoredDocument) -> Entities) -> some Sequence<
        Placed<Entities.Element>
    > {
        lazy.flatMap { document in entities(document).lazy.map { Placed(document: document, entity: $0) } }
    }
}

/// Where each parsed entity is staged, column by column: the loader COPYs a batch's rows
/// with these, then `warehouse.load_batch` builds the warehouse from them.
enum StagingTables {
    static let cell = CopyTable<Placed<StagingRow>>(
        "staging.cell",
        [
            .init("document_id") { $0.document.id }, .init("table_code") { $0.entity.table.rawValue },
            .init("line") { $0.entity.line }, .init("section") { $0.entity.section },
            .init("code") { $0.entity.code }, .init("row_number") { $0.entity.rowNumber },
            .init("item") { $0.entity.item }, .init("column_name") { $0.entity.column },
            .init("value") { $0.entity.value.amount }, .init("cell_kind") { $0.entity.value.kind },
            .init("unit") { $0.entity.unit.rawValue }, .init("page") { $0.document.page(ofLine: $0.entity.line) },
        ])

    static let documentTable = CopyTable<Placed<ParsedTable>>(
        "etl.document_table",
        [
            .init("document_id") { $0.document.id }, .init("table_code") { $0.entity.kind.rawValue },
            .init("title") { $0.entity.title }, .init("title_line") { $0.entity.titleLine },
            .init("unit") { $0.entity.unit.rawValue }, .init("printed_empty") { $0.entity.isPrintedEmpty },
        ])

    static let finding = CopyTable<Placed<Finding>>(
        "etl.finding",
        [
            .init("document_id") { $0.document.id }, .init("check_name") { $0.entity.check },
            .init("severity") { $0.entity.severity.rawValue }, .init("expected") { $0.entity.expected },
            .init("actual") { $0.entity.actual }, .init("difference") { $0.entity.difference },
            .init("expected_table") { $0.entity.expectedPlace.part.code },
            .init("expected_line") { $0.entity.expectedPlace.line },
            .init("expected_item") { $0.entity.expectedPlace.item },
            .init("expected_column") { $0.entity.expectedPlace.column },
            .init("actual_table") { $0.entity.actualPlace.part.code },
            .init("actual_line") { $0.entity.actualPlace.line },
            .init("actual_lines") { PostgresArray.literal($0.entity.actualLines.map(String.init)) },
            .init("actual_item") { $0.entity.actualPlace.item },
            .init("actual_column") { $0.entity.actualPlace.column }, .init("message") { $0.entity.message },
            .init("expected_page") { $0.document.page(ofLine: $0.entity.expectedPlace.line) },
            .init("actual_page") { $0.document.page(ofLine: $0.entity.actualPlace.line) },
            .init("juesuan_version") { _ in juesuanVersion },
        ])

    static let checkOutcome = CopyTable<Placed<CheckCoverage>>(
        "etl.check_outcome",
        [
            .init("document_id") { $0.document.id }, .init("check_name") { $0.entity.check },
            .init("outcome") { $0.entity.outcome.rawValue }, .init("finding_count") { $0.entity.findings },
            .init("juesuan_version") { _ in juesuanVersion },
        ])

    // The tables below are in `pg_temp`: the batch's own (`etl.create_batch_staging`).

    static let printedSubject = CopyTable<Placed<PrintedSubject>>(
        "pg_temp.printed_subject",
        [
            .init("document_id") { $0.document.id }, .init("fiscal_year") { $0.document.document.header.fiscalYear },
            .init("classification") { $0.entity.classification.rawValue }, .init("code") { $0.entity.code },
            .init("item") { $0.entity.item }, .init("section") { $0.entity.section },
            .init("line") { $0.entity.line },
        ])

    static let narrativeFigure = CopyTable<Placed<NarrativeFact>>(
        "pg_temp.narrative_figure",
        [
            .init("document_id") { $0.document.id }, .init("subject") { $0.entity.subject.rawValue },
            .init("item") { $0.entity.item }, .init("subject_code") { $0.entity.subjectCode },
            .init("measure") { $0.entity.measure.rawValue }, .init("value") { $0.entity.value },
            .init("unit") { $0.entity.unit.rawValue }, .init("section") { $0.entity.section },
            .init("line") { $0.entity.line }, .init("page") { $0.document.page(ofLine: $0.entity.line) },
        ])

    typealias NumberedEvaluation = (number: Int, evaluation: ProjectEvaluation)

    static let projectEvaluation = CopyTable<Placed<NumberedEvaluation>>(
        "pg_temp.project_evaluation",
        [
            .init("document_id") { $0.document.id }, .init("evaluation_no") { $0.entity.number },
            .init("project") { $0.entity.evaluation.name }, .init("category") { $0.entity.evaluation.category },
            .init("department_code") { $0.entity.evaluation.departmentCode },
            .init("unit_code") { $0.entity.evaluation.unitCode },
            .init("printed_unit") { $0.entity.evaluation.unit.rawValue },
            .init("target_declared") { $0.entity.evaluation.inWanYuan($0.entity.evaluation.targetDeclared) },
            .init("budget_compiled") { $0.entity.evaluation.inWanYuan($0.entity.evaluation.budgetCompiled) },
            .init("annual_budget") { $0.entity.evaluation.inWanYuan($0.entity.evaluation.annualBudget) },
            .init("executed") { $0.entity.evaluation.inWanYuan($0.entity.evaluation.executed) },
            .init("balance") { $0.entity.evaluation.inWanYuan($0.entity.evaluation.balance) },
            .init("execution_rate") { $0.entity.evaluation.executionRate },
            .init("execution_score") { $0.entity.evaluation.executionScore },
            .init("total_score") { $0.entity.evaluation.totalScore }, .init("grade") { $0.entity.evaluation.grade },
            .init("stated_budget") { $0.entity.evaluation.stated("budget")?.value },
            .init("stated_executed") { $0.entity.evaluation.stated("executed")?.value },
            .init("stated_execution_rate") { $0.entity.evaluation.stated("execution_rate")?.value },
            .init("line") { $0.entity.evaluation.line }, .init("budget_line") { $0.entity.evaluation.budgetLine },
            .init("score_line") { $0.entity.evaluation.scoreLine },
            .init("page") { $0.document.page(ofLine: $0.entity.evaluation.line) },
        ])

    typealias NumberedIndicator = (evaluation: Int, number: Int, indicator: PerformanceIndicator)

    static let evaluationIndicator = CopyTable<Placed<NumberedIndicator>>(
        "pg_temp.evaluation_indicator",
        [
            .init("document_id") { $0.document.id }, .init("evaluation_no") { $0.entity.evaluation },
            .init("indicator_no") { $0.entity.number }, .init("level1") { $0.entity.indicator.level1 },
            .init("level2") { $0.entity.indicator.level2 }, .init("indicator") { $0.entity.indicator.name },
            .init("initial_target") { $0.entity.indicator.initialTarget },
            .init("adjusted_target") { $0.entity.indicator.adjustedTarget },
            .init("actual") { $0.entity.indicator.actual }, .init("weight") { $0.entity.indicator.weight },
            .init("score") { $0.entity.indicator.score }, .init("deviation_note") { $0.entity.indicator.note },
            .init("line") { $0.entity.indicator.line },
            .init("page") { $0.document.page(ofLine: $0.entity.indicator.line) },
        ])
}

extension ParsedDocument {
    /// Each subject the document prints, once per spelling and section, where first printed:
    /// what names the subjects and gives each economic one its cost type.
    var printedSubjects: [PrintedSubject] {
        var seen: Set<PrintedSubject> = []
        var previous: (table: TableKind, line: Int, code: String)?
        var subjects: [PrintedSubject] = []
        for row in rows {
            // A row's cells are consecutive (two sides of a line are two rows): one look per row.
            guard let code = row.code, let classification = row.table.subjectClassification,
                previous.map({ $0 != (row.table, row.line, code) }) ?? true
            else { continue }
            previous = (row.table, row.line, code)
            let subject = PrintedSubject(
                classification: classification, code: code, item: row.item, section: row.section, line: row.line)
            if seen.insert(subject).inserted { subjects.append(subject) }
        }
        return subjects
    }

    /// The evaluations numbered from 1 as printed, for `evaluation_no`.
    var numberedEvaluations: [StagingTables.NumberedEvaluation] {
        zip(1..., evaluations).map { (number: $0, evaluation: $1) }
    }

    var numberedIndicators: [StagingTables.NumberedIndicator] {
        numberedEvaluations.flatMap { numbered in
            zip(1..., numbered.evaluation.indicators).map {
                (evaluation: numbered.number, number: $0, indicator: $1)
            }
        }
    }
}

/// A subject code as a document prints it. Its line (where first printed) is not part of
/// what makes it one.
struct PrintedSubject: Hashable {
    let classification: SubjectClassification
    let code: String
    let item: String
    let section: String?
    let line: Int

    static func == (lhs: Self, rhs: Self) -> Bool {
        (lhs.classification, lhs.code, lhs.item, lhs.section) == (rhs.classification, rhs.code, rhs.item, rhs.section)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(classification)
        hasher.combine(code)
        hasher.combine(item)
        hasher.combine(section)
    }
}
