//! Lays blocks of plain text out on A4 pages: lines broken greedily by width, page breaks,
//! ruled tables. Positions are in PDF points from the page's bottom-left corner.

use super::font::GlyphSet;

pub(crate) const PAGE_WIDTH: f32 = 595.276; // A4, 210 mm
pub(crate) const PAGE_HEIGHT: f32 = 841.89; // 297 mm
const MARGIN: f32 = 56.0;
const TOP: f32 = PAGE_HEIGHT - MARGIN;
const BOTTOM: f32 = MARGIN;
const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// The font's ascender (Noto CJK: 0.88 em): where a baseline sits below the top of its glyphs.
const ASCENT: f32 = 0.88;

/// How a block of text looks.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Style {
    pub size: f32,
    /// Line height as a multiple of the size: CJK reads better with generous leading.
    pub leading: f32,
    pub space_before: f32,
    pub space_after: f32,
    pub bold: bool,
}

impl Style {
    pub const HEADING: Style = Style { size: 18.0, leading: 1.4, space_before: 12.0, space_after: 8.0, bold: true };
    pub const SUBHEADING: Style = Style { size: 14.0, leading: 1.4, space_before: 10.0, space_after: 4.0, bold: true };
    pub const BODY: Style = Style { size: 10.5, leading: 1.6, space_before: 0.0, space_after: 6.0, bold: false };
    const TABLE: Style = Style { size: 9.5, leading: 1.4, space_before: 4.0, space_after: 8.0, bold: false };
    const FOOTER_SIZE: f32 = 9.0;

    fn line_height(&self) -> f32 {
        self.size * self.leading
    }
}

/// What a page shows.
#[derive(Debug)]
pub(crate) enum Op {
    /// One line of text; `y` is its baseline.
    Text { x: f32, y: f32, size: f32, bold: bool, text: String },
    /// A thin rule.
    Rule { x1: f32, y1: f32, x2: f32, y2: f32 },
    /// A light grey background (table headers).
    Shade { x: f32, y: f32, width: f32, height: f32 },
}

#[derive(Debug, Default)]
pub(crate) struct Page {
    pub ops: Vec<Op>,
}

/// One broken line and its width in points.
struct Line {
    text: String,
    width: f32,
}

pub(crate) struct Layout<'g> {
    glyphs: &'g mut GlyphSet,
    pages: Vec<Page>,
    /// The top of the free space on the last page.
    y: f32,
}

impl<'g> Layout<'g> {
    pub fn new(glyphs: &'g mut GlyphSet) -> Self {
        Self { glyphs, pages: vec![Page::default()], y: TOP }
    }

    /// The pages, each with its footer "第 n 页 / 共 m 页".
    pub fn finish(mut self) -> Vec<Page> {
        let total = self.pages.len();
        let size = Style::FOOTER_SIZE;
        for (n, page) in self.pages.iter_mut().enumerate() {
            let text = format!("第 {} 页 / 共 {total} 页", n + 1);
            let width = text.chars().map(|c| self.glyphs.width(c)).sum::<f32>() * size;
            let x = (PAGE_WIDTH - width) / 2.0;
            page.ops.push(Op::Text { x, y: BOTTOM / 2.0, size, bold: false, text });
        }
        self.pages
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
    }

    fn at_top(&self) -> bool {
        self.y >= TOP
    }

    fn remaining(&self) -> f32 {
        self.y - BOTTOM
    }

    /// Moves down; space that runs past the bottom is not carried to the next page, and the next
    /// content starts that page (so trailing space adds no empty page).
    fn advance(&mut self, pt: f32) {
        if pt.is_finite() && pt > 0.0 {
            self.y = (self.y - pt).max(BOTTOM);
        }
    }

    pub fn spacer(&mut self, pt: f32) {
        self.advance(pt);
    }

    pub fn text(&mut self, style: Style, text: &str) {
        // A heading with nothing to show would only leave a gap (a paragraph's empty lines are
        // the caller's blank lines).
        if style.bold && sanitize(text).all(char::is_whitespace) {
            return;
        }
        let lh = style.line_height();
        let lines = self.wrap(text, CONTENT_WIDTH, style.size);
        if !self.at_top() {
            self.advance(style.space_before);
        }
        // A heading keeps its first lines with two lines of what follows it.
        if style.bold {
            let keep = lh * lines.len().min(2) as f32 + 2.0 * Style::BODY.line_height();
            if self.remaining() < keep && !self.at_top() {
                self.new_page();
            }
        }
        for line in lines {
            if self.remaining() < lh {
                self.new_page();
            }
            let y = baseline(self.y, style);
            let op = Op::Text { x: MARGIN, y, size: style.size, bold: style.bold, text: line.text };
            self.page().ops.push(op);
            self.y -= lh;
        }
        self.advance(style.space_after);
    }

    /// A ruled table. `weights` are the columns' relative widths (equal when they do not fit the
    /// columns); the header, when it has any text, is shaded and repeated atop each page the table
    /// runs onto, and a row taller than what is left of a page continues on the next.
    pub fn table(&mut self, header: &[String], rows: &[Vec<String>], weights: &[f32]) {
        let columns = rows.iter().map(Vec::len).chain([header.len()]).max().unwrap_or(0);
        if columns == 0 {
            return;
        }
        let style = Style::TABLE;
        let xs = column_edges(columns, weights);
        let header = if header.iter().any(|h| !h.trim().is_empty()) {
            Some(self.cells(header.iter().map(String::as_str), &xs))
        } else {
            None
        };
        let mut table = Table { xs, header, rule_above: false };
        let fresh_capacity = TOP - BOTTOM - table.header_height();

        if !self.at_top() {
            self.advance(style.space_before);
        }
        // Start on a new page rather than leave a header alone at the bottom of this one.
        let first_row = rows.first().map_or(0.0, |_| CELL_PAD * 2.0 + style.line_height());
        if self.remaining() < table.header_height() + first_row && !self.at_top() {
            self.new_page();
        }
        self.table_header(&mut table);
        for row in rows {
            let cells = self.cells(row.iter().map(String::as_str), &table.xs);
            let height = cells.height();
            // A row that fits a page is kept whole.
            if height > self.remaining() && height <= fresh_capacity {
                self.table_break(&mut table);
            }
            self.row(&mut table, &cells, false);
        }
        self.advance(style.space_after);
    }

    fn table_header(&mut self, table: &mut Table) {
        if let Some(header) = table.header.take() {
            self.row(table, &header, true);
            table.header = Some(header);
        }
    }

    fn table_break(&mut self, table: &mut Table) {
        self.new_page();
        table.rule_above = false;
        // A header too tall to repeat (over a quarter page) is drawn only at the start.
        if table.header_height() <= (TOP - BOTTOM) / 4.0 {
            self.table_header(table);
        }
    }

    /// Draws a row, in slices across pages when it does not fit.
    fn row(&mut self, table: &mut Table, cells: &Cells, shaded: bool) {
        let lh = Style::TABLE.line_height();
        let mut from = 0;
        loop {
            let fits = |layout: &Self| ((layout.remaining() - 2.0 * CELL_PAD) / lh).floor().max(0.0) as usize;
            let mut fit = fits(self);
            if fit == 0 && !self.at_top() {
                self.table_break(table);
                fit = fits(self);
            }
            // A4 always holds a line below a repeated header; still, always make progress.
            let fit = fit.max(1);
            let count = fit.min(cells.lines.saturating_sub(from)).max(1);
            self.row_slice(table, cells, from, count, shaded);
            from += count;
            if from >= cells.lines {
                return;
            }
            self.table_break(table);
        }
    }

    fn row_slice(&mut self, table: &mut Table, cells: &Cells, from: usize, count: usize, shaded: bool) {
        let style = Style::TABLE;
        let lh = style.line_height();
        let top = self.y;
        let height = count as f32 * lh + 2.0 * CELL_PAD;
        let bottom = top - height;
        let (left, right) = (table.left(), table.right());
        let mut ops = vec![];
        if shaded {
            ops.push(Op::Shade { x: left, y: bottom, width: right - left, height });
        }
        if !table.rule_above {
            ops.push(Op::Rule { x1: left, y1: top, x2: right, y2: top });
        }
        ops.push(Op::Rule { x1: left, y1: bottom, x2: right, y2: bottom });
        for &x in &table.xs {
            ops.push(Op::Rule { x1: x, y1: top, x2: x, y2: bottom });
        }
        for (column, cell) in cells.cells.iter().enumerate() {
            let (x0, x1) = (table.xs[column], table.xs[column + 1]);
            for (n, line) in cell.lines.iter().skip(from).take(count).enumerate() {
                let x = if cell.numeric { x1 - CELL_PAD - line.width } else { x0 + CELL_PAD };
                let y = baseline(top - CELL_PAD - n as f32 * lh, style);
                let text = line.text.clone();
                ops.push(Op::Text { x, y, size: style.size, bold: false, text });
            }
        }
        self.page().ops.extend(ops);
        self.y = bottom;
        table.rule_above = true;
    }

    /// Breaks each cell's text to its column.
    fn cells<'a>(&mut self, texts: impl Iterator<Item = &'a str>, xs: &[f32]) -> Cells {
        let size = Style::TABLE.size;
        let mut texts = texts;
        let cells: Vec<Cell> = xs
            .windows(2)
            .map(|edge| {
                let text = texts.next().unwrap_or("");
                let lines = self.wrap(text, edge[1] - edge[0] - 2.0 * CELL_PAD, size);
                Cell { numeric: looks_numeric(text), lines }
            })
            .collect();
        let lines = cells.iter().map(|c| c.lines.len()).max().unwrap_or(1).max(1);
        Cells { cells, lines }
    }

    /// Breaks `text` into lines at most `width` points wide at `size`: at '\n' (and the Unicode
    /// line and paragraph separators), then greedily at the last break opportunity that fits,
    /// within a word only when the word alone is wider than the line.
    fn wrap(&mut self, text: &str, width: f32, size: f32) -> Vec<Line> {
        let mut lines = vec![];
        for raw in text.split(['\n', '\u{2028}', '\u{2029}']) {
            let chars: Vec<(char, f32)> = sanitize(raw).map(|c| (c, self.glyphs.width(c) * size)).collect();
            break_line(&chars, width, &mut lines);
        }
        lines
    }
}

const CELL_PAD: f32 = 4.0;
/// Room for two characters of table text.
const MIN_COLUMN: f32 = 2.0 * CELL_PAD + 2.0 * 9.5;

/// The baseline of a line whose box starts at `top`: the leading is split above and below.
fn baseline(top: f32, style: Style) -> f32 {
    top - (style.line_height() - style.size) / 2.0 - ASCENT * style.size
}

/// The x of each column edge, left to right (columns + 1 of them). No column is narrower than
/// [`MIN_COLUMN`] while they all fit: a sliver would stack its text one character per line.
fn column_edges(columns: usize, weights: &[f32]) -> Vec<f32> {
    let usable = weights.len() == columns && weights.iter().all(|w| w.is_finite() && *w > 0.0);
    let mut shares: Vec<f32> = if usable { weights.to_vec() } else { vec![1.0; columns] };
    let total: f32 = shares.iter().sum();
    let floor = MIN_COLUMN / CONTENT_WIDTH;
    if total.is_finite() && total > 0.0 && floor * columns as f32 <= 1.0 {
        shares.iter_mut().for_each(|s| *s = (*s / total).max(floor));
    } else {
        shares.fill(1.0);
    }
    let total: f32 = shares.iter().sum();
    let mut x = MARGIN;
    let mut edges = vec![x];
    for share in shares {
        x += CONTENT_WIDTH * share / total;
        edges.push(x);
    }
    edges
}

/// Figures are right-aligned in their column, as report tables set them.
fn looks_numeric(text: &str) -> bool {
    let text = text.trim();
    text.chars().any(|c| c.is_ascii_digit())
        && text.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%' | '-' | '+' | ' '))
}

struct Table {
    /// Column edges.
    xs: Vec<f32>,
    header: Option<Cells>,
    /// Whether a rule already runs along the current y (the previous row's bottom).
    rule_above: bool,
}

impl Table {
    fn header_height(&self) -> f32 {
        self.header.as_ref().map_or(0.0, Cells::height)
    }

    fn left(&self) -> f32 {
        self.xs.first().copied().unwrap_or(MARGIN)
    }

    fn right(&self) -> f32 {
        self.xs.last().copied().unwrap_or(MARGIN)
    }
}

struct Cell {
    numeric: bool,
    lines: Vec<Line>,
}

struct Cells {
    cells: Vec<Cell>,
    /// Lines of the tallest cell.
    lines: usize,
}

impl Cells {
    fn height(&self) -> f32 {
        self.lines as f32 * Style::TABLE.line_height() + 2.0 * CELL_PAD
    }
}

/// Drops control characters (a tab becomes a space; '\r' of "\r\n", U+0000 and escapes go) and
/// the invisible format characters (zero-width spaces and joiners, direction marks, BOM, soft
/// hyphen): the font has no glyph for them, and they would draw as blank ems.
fn sanitize(line: &str) -> impl Iterator<Item = char> + '_ {
    line.chars().filter_map(|c| match c {
        '\t' => Some(' '),
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}' => None,
        c if c.is_control() => None,
        c => Some(c),
    })
}

/// Greedy line breaking of one paragraph line (`chars` with their widths in points). Each
/// character is carried to a new line at most once, so this is linear in the line's length.
fn break_line(chars: &[(char, f32)], max: f32, lines: &mut Vec<Line>) {
    let mut start = 0;
    let mut width = 0.0;
    // The last place after `start` where the line may end.
    let mut opportunity: Option<usize> = None;
    for i in 0..chars.len() {
        let (c, w) = chars[i];
        if i > start && can_break_before(chars[i - 1].0, c) {
            opportunity = Some(i);
        }
        // Spaces may hang past the margin: they are trimmed at the line's end.
        if width + w > max && i > start && !c.is_whitespace() {
            let end = opportunity.filter(|&o| o > start).unwrap_or(i);
            lines.push(line(&chars[start..end]));
            start = end;
            // A line continued after a soft break does not start with the spaces it broke at.
            while start < i && chars[start].0 == ' ' {
                start += 1;
            }
            width = chars[start..i].iter().map(|&(_, w)| w).sum();
            opportunity = None;
        }
        width += w;
    }
    lines.push(line(&chars[start..]));
}

fn line(chars: &[(char, f32)]) -> Line {
    let kept = chars.iter().rposition(|&(c, _)| !c.is_whitespace()).map_or(0, |p| p + 1);
    let chars = &chars[..kept];
    Line { text: chars.iter().map(|&(c, _)| c).collect(), width: chars.iter().map(|&(_, w)| w).sum() }
}

/// Whether a line may end between `before` and `after`: after spaces, and around CJK characters
/// (which break anywhere) except before closing or after opening punctuation.
fn can_break_before(before: char, after: char) -> bool {
    if after.is_whitespace() {
        return false;
    }
    if before.is_whitespace() {
        return true;
    }
    if no_line_start(after) || no_line_end(before) {
        return false;
    }
    breaks_around(before) || breaks_around(after)
}

fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '》'
            | '〉'
            | '】'
            | '〕'
            | '”'
            | '’'
            | '…'
            | '·'
            | '％'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
            | '%'
    )
}

fn no_line_end(c: char) -> bool {
    matches!(c, '（' | '「' | '『' | '《' | '〈' | '【' | '〔' | '“' | '‘' | '(' | '[' | '{')
}

/// CJK scripts and symbols (and emoji) have no spaces between words: a line breaks between any two.
fn breaks_around(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{9FFF}'     // radicals, CJK punctuation, kana, bopomofo, unified ideographs
        | '\u{AC00}'..='\u{D7AF}'   // Hangul syllables
        | '\u{F900}'..='\u{FAFF}'   // compatibility ideographs
        | '\u{FE30}'..='\u{FE4F}'   // compatibility forms
        | '\u{FF00}'..='\u{FFEF}'   // fullwidth forms
        | '\u{1F000}'..='\u{1FAFF}' // emoji and pictographs
        | '\u{20000}'..='\u{3FFFF}' // ideographs of the supplementary planes
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widths(text: &str) -> Vec<(char, f32)> {
        text.chars().map(|c| (c, if breaks_around(c) { 10.0 } else { 5.0 })).collect()
    }

    fn broken(text: &str, max: f32) -> Vec<String> {
        let mut lines = vec![];
        break_line(&widths(text), max, &mut lines);
        lines.into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn breaks_between_cjk_and_keeps_words() {
        assert_eq!(broken("乡村振兴工作", 30.0), ["乡村振", "兴工作"]);
        assert_eq!(broken("hello world again", 60.0), ["hello world", "again"]);
        // Punctuation stays with the character before it.
        assert_eq!(broken("乡村振兴。工作", 40.0), ["乡村振", "兴。工作"]);
    }

    #[test]
    fn splits_a_word_wider_than_the_line() {
        assert_eq!(broken("abcdefghij", 20.0), ["abcd", "efgh", "ij"]);
        assert_eq!(broken("", 20.0), [""]);
        assert_eq!(broken("     ", 20.0), [""]);
    }

    #[test]
    fn loses_no_character() {
        let text = "社会组织 participation in 乡村振兴, 2024年（第3季度）：128个项目。".repeat(20);
        let joined: String = broken(&text, 97.0).concat();
        let without_spaces = |s: &str| s.chars().filter(|c| *c != ' ').collect::<String>();
        assert_eq!(without_spaces(&joined), without_spaces(&text));
    }
}
