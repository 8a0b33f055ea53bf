import SurveyModel
import SurveyIntake
import SurveyStore

/// The HTML report's style sheet, inline: system fonts only, nothing fetched. Print gets A4
/// pages, no navigation, charts and tables kept whole, and colours printed as on screen.
enum HTMLReportStyle {
    static let css = """
        :root { color-scheme: light; }
        body { margin: 0; color: #1b1b1b; background: #fff; line-height: 1.45;
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        header, main { max-width: 62rem; margin: 0 auto; padding: 0 1.5rem; }
        main { padding-bottom: 3rem; }
        h1 { font-size: 1.6rem; margin: 1.5rem 0 0.25rem; }
        h2 { font-size: 1.3rem; border-bottom: 2px solid #0072b2; padding-bottom: 0.2rem; margin: 2.5rem 0 0.5rem; }
        h3 { font-size: 1.05rem; margin: 1.5rem 0 0.25rem; }
        .meta, figcaption, .note { color: #454545; }
        .meta { margin: 0; }
        .note { max-width: 48rem; margin: 0.25rem 0 0.75rem; }
        .figures { display: flex; flex-wrap: wrap; gap: 0.75rem; list-style: none; padding: 0; margin: 1rem 0; }
        .figures li { border: 1px solid #d0d7de; border-radius: 6px; padding: 0.45rem 0.9rem; min-width: 7.5rem; }
        .figures strong { display: block; font-size: 1.5rem; font-variant-numeric: tabular-nums; }
        nav ol { columns: 2; padding-left: 1.4rem; margin: 0.5rem 0 0; }
        nav a { color: #005a8c; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; margin: 0.5rem 0 1.25rem; font-size: 0.88rem; font-variant-numeric: tabular-nums; }
        caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
        th, td { border-bottom: 1px solid #d0d7de; padding: 0.28rem 0.6rem; text-align: left; vertical-align: top; }
        thead th { border-bottom: 2px solid #8c959f; }
        tbody th { font-weight: normal; }
        .n { text-align: right; white-space: nowrap; }
        thead th.n { white-space: normal; }
        tfoot th, tfoot td { font-weight: 600; border-top: 2px solid #8c959f; }
        figure { margin: 1rem 0 0.5rem; }
        .chart-wrap { overflow-x: auto; }
        figure svg { display: block; max-width: 100%; height: auto; }
        figcaption { font-size: 0.85rem; margin-top: 0.25rem; }
        svg text { font-size: 12px; fill: #1b1b1b; }
        svg text.value, svg text.total { fill: #454545; }
        svg text.on-dark { fill: #fff; }
        tbody th { white-space: nowrap; }
        table.wide { font-size: 0.8rem; }
        table.wide th, table.wide td { padding: 0.25rem 0.45rem; }
        svg text.column-label { font-weight: 600; }
        svg text.column-n { fill: #454545; }
        svg text.column-n.few { font-style: italic; }
        @media (max-width: 760px) {
          header, main { padding: 0 0.75rem; }
          nav ol { columns: 1; }
        }
        @media print {
          @page { size: A4; margin: 14mm; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          body { font-size: 10pt; }
          nav { display: none; }
          header, main { max-width: none; padding: 0; }
          h2 { margin-top: 1.5rem; }
          h2, h3 { break-after: avoid; }
          figure, table, .figures { break-inside: avoid; }
          table.long { break-inside: auto; }
          table { font-size: 8.5pt; }
          table.wide { font-size: 7.5pt; }
          table.wide th, table.wide td { padding: 1.5pt 3pt; }
          .table-wrap, .chart-wrap { overflow: visible; }
          figure svg { min-width: 0 !important; }
          a { color: inherit; text-decoration: none; }
        }
        """
}
