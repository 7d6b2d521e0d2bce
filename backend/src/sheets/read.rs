//! The one reader of uploaded spreadsheets (.xlsx, or UTF-8 .csv), bounded in everything the
//! file controls. A workbook's ZIP entries are unpacked once into nothing, counting, before
//! calamine opens it (the sizes an entry declares are claims; the count is not). Its first sheet
//! is then read cell by cell, streaming, so a cell far down or far right is refused when it is
//! met instead of a rows × columns rectangle being allocated for it. CSV is read field by field
//! with the same limits.

use std::io::{self, Cursor, Read};

use calamine::{Data, DataRef, Reader, Xlsx};

use super::formula;
use super::limits::{Limit, Limits, SheetError};
use crate::tr;

/// Rows of cells as text, from the sheet's first row: `table[0]` is row 1. A row holds its
/// cells up to its last non-empty one; empty rows are empty.
pub type Table = Vec<Vec<String>>;

/// Reads the first sheet of an .xlsx workbook, or a UTF-8 CSV file, into a table.
pub fn read_table(bytes: &[u8], limits: &Limits) -> Result<Table, SheetError> {
    if bytes.len() > limits.bytes {
        return Err(SheetError::Exceeds(Limit::Bytes, *limits));
    }
    if bytes.starts_with(b"PK") { read_xlsx(bytes, limits) } else { read_csv(bytes, limits) }
}

/// A table filled cell by cell; anything beyond the limits is refused before memory is taken
/// for it.
struct Grid<'a> {
    limits: &'a Limits,
    rows: Table,
    cells: usize,
}

impl<'a> Grid<'a> {
    fn new(limits: &'a Limits) -> Self {
        Self { limits, rows: Vec::new(), cells: 0 }
    }

    fn exceeds(&self, limit: Limit) -> SheetError {
        SheetError::Exceeds(limit, *self.limits)
    }

    fn take_cells(&mut self, n: usize) -> Result<(), SheetError> {
        self.cells = self.cells.saturating_add(n);
        if self.cells > self.limits.cells { Err(self.exceeds(Limit::Cells)) } else { Ok(()) }
    }

    /// Places a cell at a 0-based position. Empty cells are skipped: a styled but empty cell
    /// at the bottom of a sheet is no reason to refuse it.
    fn put(&mut self, row: usize, col: usize, value: String) -> Result<(), SheetError> {
        if value.is_empty() {
            return Ok(());
        }
        if row >= self.limits.rows {
            return Err(self.exceeds(Limit::Rows));
        }
        if col >= self.limits.columns {
            return Err(self.exceeds(Limit::Columns));
        }
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let width = self.rows[row].len();
        if width <= col {
            self.take_cells(col + 1 - width)?;
            self.rows[row].resize(col + 1, String::new());
        }
        self.rows[row][col] = value;
        Ok(())
    }

    /// Appends a whole row (CSV).
    fn push_row(&mut self, cells: Vec<String>) -> Result<(), SheetError> {
        if self.rows.len() >= self.limits.rows {
            return Err(self.exceeds(Limit::Rows));
        }
        self.rows.push(cells);
        Ok(())
    }
}

fn unreadable_xlsx(e: impl std::fmt::Display) -> SheetError {
    SheetError::Unreadable(tr!("无法读取 xlsx 文件：{e}", "unreadable xlsx file: {e}"))
}

/// The part calamine loads whole when it opens a workbook (it finds it case-insensitively).
const SHARED_STRINGS: &str = "xl/sharedStrings.xml";

/// Unpacks every entry into nothing, counting, and refuses the workbook when all of them
/// together would be more than the limit. What the entries declare is checked first, so an
/// honest bomb is refused without unpacking anything; a lying one is stopped by the count.
///
/// The shared strings are counted too: calamine holds every one of them before the first
/// cell is read, and 90 MB of one-letter strings are six million allocations. A sheet within
/// the cell limit never needs more strings than cells, so more is refused as too many cells.
fn check_unpacked_size(bytes: &[u8], limits: &Limits) -> Result<(), SheetError> {
    let over = || SheetError::Exceeds(Limit::UnpackedBytes, *limits);
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable_xlsx)?;
    let mut declared: u64 = 0;
    for i in 0..zip.len() {
        declared = declared.saturating_add(zip.by_index_raw(i).map_err(unreadable_xlsx)?.size());
    }
    if declared > limits.unpacked_bytes {
        return Err(over());
    }
    let mut left = limits.unpacked_bytes;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(unreadable_xlsx)?;
        let shared_strings = entry.name().replace('\\', "/").eq_ignore_ascii_case(SHARED_STRINGS);
        let mut counted = Counted { inner: entry.take(left + 1), bytes: 0 };
        if shared_strings {
            count_shared_strings(&mut counted, limits)?;
        }
        io::copy(&mut counted, &mut io::sink()).map_err(unreadable_xlsx)?;
        left = left.checked_sub(counted.bytes).ok_or_else(over)?;
    }
    Ok(())
}

/// A reader that counts the bytes read through it.
struct Counted<R> {
    inner: R,
    bytes: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
}

/// Streams the shared-strings part and refuses it at the first string beyond the cell limit.
fn count_shared_strings(part: &mut impl Read, limits: &Limits) -> Result<(), SheetError> {
    use quick_xml::events::Event;
    let mut xml = quick_xml::Reader::from_reader(io::BufReader::new(part));
    let mut buf = Vec::new();
    let mut strings = 0usize;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(unreadable_xlsx)? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"si" => {
                strings += 1;
                if strings > limits.cells {
                    return Err(SheetError::Exceeds(Limit::Cells, *limits));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// A cell as the importers read it: whole numbers without `.0` (codes typed as numbers), text
/// with the export's anti-formula apostrophe taken away.
fn text_of(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
        DataRef::SharedString(s) => formula::restore(s).to_owned(),
        DataRef::String(s) => formula::restore(s).to_owned(),
        other => Data::from(other.clone()).to_string(),
    }
}

fn read_xlsx(bytes: &[u8], limits: &Limits) -> Result<Table, SheetError> {
    check_unpacked_size(bytes, limits)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(unreadable_xlsx)?;
    let first = book
        .sheet_names()
        .into_iter()
        .next()
        .ok_or_else(|| SheetError::Unreadable(tr!("文件中没有工作表", "the workbook has no sheet")))?;
    let mut cells = book
        .worksheet_cells_reader(&first)
        .map_err(|e| SheetError::Unreadable(tr!("无法读取工作表：{e}", "unreadable sheet: {e}")))?;
    let mut grid = Grid::new(limits);
    while let Some(cell) =
        cells.next_cell().map_err(|e| SheetError::Unreadable(tr!("无法读取工作表：{e}", "unreadable sheet: {e}")))?
    {
        let (row, col) = cell.get_position();
        grid.put(row as usize, col as usize, text_of(cell.get_value()))?;
    }
    Ok(grid.rows)
}

/// CSV field by field (csv-core), so that neither a line of millions of commas nor millions
/// of lines is held before it is counted. Blank lines are skipped, as the csv crate does.
fn read_csv(bytes: &[u8], limits: &Limits) -> Result<Table, SheetError> {
    use csv_core::ReadFieldResult;
    let unreadable = || SheetError::Unreadable(tr!("CSV 文件须为 UTF-8 编码", "the CSV file must be UTF-8"));
    std::str::from_utf8(bytes).map_err(|_| unreadable())?;
    let mut reader = csv_core::Reader::new(); // strips a UTF-8 BOM
    let mut grid = Grid::new(limits);
    let mut input = bytes;
    let mut field = vec![0u8; 1024];
    let mut len = 0;
    let mut row: Vec<String> = Vec::new();
    loop {
        let (result, read, written) = reader.read_field(input, &mut field[len..]);
        input = &input[read..];
        len += written;
        match result {
            ReadFieldResult::InputEmpty => {}
            // At most the input's length: the field is part of it.
            ReadFieldResult::OutputFull => field.resize(field.len() * 2, 0),
            ReadFieldResult::Field { record_end } => {
                if row.len() >= limits.columns {
                    return Err(grid.exceeds(Limit::Columns));
                }
                grid.take_cells(1)?;
                let text = std::str::from_utf8(&field[..len]).map_err(|_| unreadable())?;
                row.push(formula::restore(text).to_owned());
                len = 0;
                if record_end {
                    grid.push_row(std::mem::take(&mut row))?;
                }
            }
            ReadFieldResult::End => break,
        }
    }
    Ok(grid.rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: Limits = Limits { bytes: 1 << 20, unpacked_bytes: 1 << 20, rows: 10, columns: 5, cells: 30 };

    fn xlsx(cells: &[(u32, u16, &str)]) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (r, c, v) in cells {
            sheet.write_string(*r, *c, *v).expect("write");
        }
        book.save_to_buffer().expect("xlsx")
    }

    fn limit_of(r: Result<Table, SheetError>) -> Limit {
        match r {
            Err(SheetError::Exceeds(limit, _)) => limit,
            other => panic!("expected a limit, got {other:?}"),
        }
    }

    #[test]
    fn reads_xlsx_from_a1_with_row_positions_kept() {
        let bytes = xlsx(&[(0, 0, "名称"), (0, 2, "省"), (2, 1, "'=1+1"), (2, 4, "x")]);
        let table = read_table(&bytes, &SMALL).expect("read");
        assert_eq!(table.len(), 3);
        assert_eq!(table[0], vec!["名称", "", "省"]);
        assert!(table[1].is_empty());
        assert_eq!(table[2], vec!["", "=1+1", "", "", "x"], "the export's apostrophe is taken away");
    }

    #[test]
    fn xlsx_cells_beyond_a_limit_are_refused_without_allocating_for_them() {
        // The 1.5 KB file that made calamine allocate 512 GiB: A1 and XFD1048576.
        let sparse = xlsx(&[(0, 0, "a"), (1_048_575, 16_383, "z")]);
        assert!(sparse.len() < 8 * 1024, "{} bytes", sparse.len());
        assert_eq!(limit_of(read_table(&sparse, &Limits::UPLOAD)), Limit::Rows);
        assert_eq!(limit_of(read_table(&xlsx(&[(0, 5, "f")]), &SMALL)), Limit::Columns);
        assert_eq!(limit_of(read_table(&xlsx(&[(10, 0, "r")]), &SMALL)), Limit::Rows);
        // Seven rows reaching column E: 35 cells held, more than 30.
        let wide: Vec<(u32, u16, &str)> = (0..7).map(|r| (r, 4, "e")).collect();
        assert_eq!(limit_of(read_table(&xlsx(&wide), &SMALL)), Limit::Cells);
    }

    /// A workbook whose sheet is `rows` rows of `cols` cells "1", highly compressible; with
    /// `declared`, every entry's header claims that size instead of the true one.
    fn bomb(rows: usize, cols: usize, declared: Option<u32>) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/worksheets/sheet1.xml", opts).expect("entry");
        zip.write_all(b"<worksheet><sheetData>").expect("write");
        let row = format!("<row>{}</row>", "<c><v>1</v></c>".repeat(cols));
        for _ in 0..rows {
            zip.write_all(row.as_bytes()).expect("write");
        }
        zip.write_all(b"</sheetData></worksheet>").expect("write");
        let mut bytes = zip.finish().expect("zip").into_inner();
        if let Some(size) = declared {
            lie_about_sizes(&mut bytes, size);
        }
        bytes
    }

    /// Overwrites the uncompressed size in every local and central header.
    fn lie_about_sizes(bytes: &mut [u8], size: u32) {
        let mut i = 0;
        while i + 4 <= bytes.len() {
            let offset = match &bytes[i..i + 4] {
                [0x50, 0x4b, 0x03, 0x04] => Some(22),
                [0x50, 0x4b, 0x01, 0x02] => Some(24),
                _ => None,
            };
            if let Some(o) = offset.filter(|o| i + o + 4 <= bytes.len()) {
                bytes[i + o..i + o + 4].copy_from_slice(&size.to_le_bytes());
            }
            i += 1;
        }
    }

    #[test]
    fn a_zip_bomb_is_refused_by_what_it_unpacks_to_even_when_its_headers_lie() {
        let honest = bomb(2_000, 100, None);
        assert_eq!(limit_of(read_table(&honest, &SMALL)), Limit::UnpackedBytes);
        let liar = bomb(2_000, 100, Some(100));
        assert_eq!(limit_of(read_table(&liar, &SMALL)), Limit::UnpackedBytes);
    }

    #[test]
    fn more_shared_strings_than_cells_are_refused_before_calamine_holds_them() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for r in 0..31 {
            sheet.write_string(r / 5, (r % 5) as u16, format!("s{r}")).expect("write");
        }
        let bytes = book.save_to_buffer().expect("xlsx");
        // Before any cell is read: 31 shared strings fit 31 cells, not 30.
        check_unpacked_size(&bytes, &Limits { cells: 31, ..SMALL }).expect("31 strings");
        assert_eq!(
            limit_of(check_unpacked_size(&bytes, &Limits { cells: 30, ..SMALL }).map(|()| vec![])),
            Limit::Cells
        );
    }

    #[test]
    fn csv_is_bounded_field_by_field() {
        let table =
            read_table("\u{feff}代码,名称\n513431,'=昭觉县\n\n\"a,b\",\"c\"\"d\"".as_bytes(), &SMALL).expect("read");
        assert_eq!(table, vec![vec!["代码", "名称"], vec!["513431", "=昭觉县"], vec!["a,b", "c\"d"]]);
        assert_eq!(limit_of(read_table(",,,,,,\n".as_bytes(), &SMALL)), Limit::Columns);
        assert_eq!(limit_of(read_table("1\n".repeat(11).as_bytes(), &SMALL)), Limit::Rows);
        assert_eq!(limit_of(read_table("1,2,3,4\n".repeat(8).as_bytes(), &SMALL)), Limit::Cells);
        let big = vec![b'a'; (1 << 20) + 1];
        assert_eq!(limit_of(read_table(&big, &SMALL)), Limit::Bytes);
        assert!(matches!(read_table(&[0xff, 0xfe, 0], &SMALL), Err(SheetError::Unreadable(_))));
    }

    #[test]
    fn the_organization_template_at_the_row_limit_is_within_every_other_limit() {
        // Written with inline strings (constant memory), the largest form of the same sheet.
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet_with_constant_memory().expect("sheet");
        let row = [
            "某某乡村振兴公益基金会",
            "53100000MJ0000000X",
            "四川省",
            "基金会",
            "省级",
            "公益慈善类",
            "产业、教育",
            "是",
            "民政部",
        ];
        for r in 0..Limits::UPLOAD.rows as u32 {
            for (c, v) in row.iter().enumerate() {
                sheet.write_string(r, c as u16, *v).expect("write");
            }
        }
        let bytes = book.save_to_buffer().expect("xlsx");
        assert!(bytes.len() < Limits::UPLOAD.bytes, "{} bytes", bytes.len());
        let table = read_table(&bytes, &Limits::UPLOAD).expect("within the limits");
        assert_eq!(table.len(), Limits::UPLOAD.rows);
    }
}
