
/// Counts of one thing by two keys: challenge category × phase, category × round … Row and
/// column keys are codes, in a fixed order (the taxonomy's, the lifecycle's), so tables and
/// charts read the same way every time.
public struct CrossTable: Sendable, Hashable {
    /// The key of answers that were not given (a submission without a phase, a challenge without severity).
    public static let notStated = "not-stated"

    public var rows: [String]
    public var columns: [String]
    /// `counts[row][column]`.
    public var counts: [[Int]]

    /// A table of given counts, `counts[row][column]`.
    public init(rows: [String], columns: [String], counts: [[Int]]) {
        self.rows = rows
        self.columns = columns
        self.counts = counts
    }

    /// Counts `pairs` of (row, column); rows and columns are `rows`/`columns` in that order,
    /// followed by any other key met (sorted), with `notStated` last. Keys in `optional` are
    /// kept only when something was counted under them.
    public init(counting pairs: [(String, String)], rows: [String], columns: [String], optional: Set<String> = [CrossTable.notStated]) {
        func keys(_ fixed: [String], _ met: [String]) -> [String] {
            let extra = Set(met).subtracting(fixed).subtracting([Self.notStated]).sorted()
            let all = fixed.filter { $0 != Self.notStated } + extra + [Self.notStated]
            return all.filter { !optional.contains($0) || met.contains($0) }
        }
        self.rows = keys(rows, pairs.map(\.0))
        self.columns = keys(columns, pairs.map(\.1))
        var counts = Array(repeating: Array(repeating: 0, count: self.columns.count), count: self.rows.count)
        let rowIndex = Dictionary(uniqueKeysWithValues: self.rows.enumerated().map { ($1, $0) })
        let columnIndex = Dictionary(uniqueKeysWithValues: self.columns.enumerated().map { ($1, $0) })
        for (row, column) in pairs {
            if let r = rowIndex[row], let c = columnIndex[column] { counts[r][c] += 1 }
        }
        self.counts = counts
    }

    /// The count under (`row`, `column`); 0 for keys the table does not have.
    public func count(row: String, column: String) -> Int {
        guard let r = rows.firstIndex(of: row), let c = columns.firstIndex(of: column) else { return 0 }
        return counts[r][c]
    }

    /// Per row, the sum over the columns.
    public var rowTotals: [Int] { counts.map { $0.reduce(0, +) } }
    /// Per column, the sum over the rows.
    public var columnTotals: [Int] { columns.indices.map { c in counts.reduce(0) { $0 + $1[c] } } }
    /// Everything counted.
    public var total: Int { rowTotals.reduce(0, +) }
    /// Whether nothing was counted.
    public var isEmpty: Bool { total == 0 }
}
