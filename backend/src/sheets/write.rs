//! The one writer of export cells, for CSV and for xlsx. A cell is typed: text is written as
//! text (never a formula: made inert in CSV, a string cell in xlsx), amounts and counts as
//! numbers, so a coordinator's Excel sums them and no sign of a number is mistaken for a
//! formula.

use std::borrow::Cow;

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::formula;
#[cfg(test)]
use crate::domain::Money;
use crate::domain::MoneyTotal;
use crate::error::{ApiError, ApiResult};

/// One cell of an exported row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Anything a person typed or a label: always text.
    Text(String),
    /// A count (beneficiaries): a number.
    Count(i64),
    /// An amount in yuan: a number with two decimals (exact to the fen below 2^53 fen, about
    /// 90 trillion yuan, far above any project).
    Yuan(MoneyTotal),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Self {
        Self::Text(s.into())
    }

    pub fn yuan(m: impl Into<MoneyTotal>) -> Self {
        Self::Yuan(m.into())
    }

    /// The CSV field: text made inert, numbers as the API writes them.
    fn csv(&self) -> Cow<'_, str> {
        match self {
            Self::Text(s) => formula::neutralize(s),
            Self::Count(n) => Cow::Owned(n.to_string()),
            Self::Yuan(m) => Cow::Owned(m.to_string()),
        }
    }
}

fn csv_error(e: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(anyhow::anyhow!("csv: {e}"))
}

/// CSV rows into memory; a streamed export takes the bytes page by page.
pub struct Csv {
    w: csv::Writer<Vec<u8>>,
}

impl Csv {
    /// A new file: the byte-order mark (Excel reads UTF-8 CSV only with it), then the header.
    pub fn start(headers: &[&str]) -> ApiResult<Self> {
        let mut csv = Self { w: csv::Writer::from_writer("\u{feff}".as_bytes().to_vec()) };
        csv.w.write_record(headers).map_err(csv_error)?;
        Ok(csv)
    }

    /// More rows of a file already started.
    pub fn more() -> Self {
        Self { w: csv::Writer::from_writer(Vec::new()) }
    }

    pub fn row(&mut self, cells: &[Cell]) -> ApiResult<()> {
        self.w.write_record(cells.iter().map(|c| c.csv().into_owned())).map_err(csv_error)
    }

    pub fn into_bytes(self) -> ApiResult<Vec<u8>> {
        self.w.into_inner().map_err(csv_error)
    }
}

/// Rows into an xlsx worksheet, from the top: a header, then one row per call.
pub struct XlsxRows<'a> {
    sheet: &'a mut Worksheet,
    yuan: Format,
    next: u32,
}

impl<'a> XlsxRows<'a> {
    pub fn start(sheet: &'a mut Worksheet, headers: &[&str], header_format: &Format) -> Result<Self, XlsxError> {
        Self::start_after(sheet, &[], headers, header_format)
    }

    /// `start`, below a block of lines (what was exported, when, with which filters) and a
    /// blank row; the header row stays frozen while scrolling.
    pub fn start_after(
        sheet: &'a mut Worksheet,
        preamble: &[String],
        headers: &[&str],
        header_format: &Format,
    ) -> Result<Self, XlsxError> {
        for (r, line) in preamble.iter().enumerate() {
            sheet.write_string(r as u32, 0, line)?;
        }
        let top = if preamble.is_empty() { 0 } else { preamble.len() as u32 + 1 };
        for (c, h) in headers.iter().enumerate() {
            sheet.write_string_with_format(top, c as u16, *h, header_format)?;
        }
        sheet.set_freeze_panes(top + 1, 0)?;
        Ok(Self { sheet, yuan: Format::new().set_num_format("#,##0.00"), next: top + 1 })
    }

    pub fn row(&mut self, cells: &[Cell]) -> Result<(), XlsxError> {
        let r = self.next;
        for (c, cell) in cells.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) => self.sheet.write_string(r, c, s)?,
                Cell::Count(n) => self.sheet.write_number(r, c, *n as f64)?,
                Cell::Yuan(m) => self.sheet.write_number_with_format(r, c, m.fen() as f64 / 100.0, &self.yuan)?,
            };
        }
        self.next += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use calamine::{Data, Reader, Xlsx};

    use super::*;

    fn row() -> Vec<Cell> {
        vec![
            Cell::text("=cmd|' /C calc'!A0"),
            Cell::text("-1+2"),
            Cell::text("昭觉县"),
            Cell::Count(-5),
            Cell::Yuan(Money::from_fen(125_000_007).into()),
        ]
    }

    #[test]
    fn csv_text_is_inert_and_numbers_stay_numbers() {
        let mut csv = Csv::start(&["标题", "b", "c", "d", "e"]).expect("start");
        csv.row(&row()).expect("row");
        let text = String::from_utf8(csv.into_bytes().expect("bytes")).expect("utf8");
        assert_eq!(text, "\u{feff}标题,b,c,d,e\n'=cmd|' /C calc'!A0,'-1+2,昭觉县,-5,1250000.07\n");
    }

    #[test]
    fn xlsx_text_is_a_string_cell_and_numbers_are_number_cells() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let mut rows =
            XlsxRows::start(book.add_worksheet(), &["标题", "b", "c", "d", "e"], &Format::new()).expect("start");
        rows.row(&row()).expect("row");
        let bytes = book.save_to_buffer().expect("xlsx");
        let mut read: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("open");
        let range = read.worksheet_range_at(0).expect("sheet").expect("range");
        let cells: Vec<&Data> = (0..5).map(|c| range.get((1, c)).expect("cell")).collect();
        assert_eq!(
            cells,
            [
                &Data::String("=cmd|' /C calc'!A0".into()),
                &Data::String("-1+2".into()),
                &Data::String("昭觉县".into()),
                &Data::Float(-5.0),
                &Data::Float(1_250_000.07),
            ]
        );
        let formulas = read.worksheet_formula("Sheet1").expect("formulas");
        assert!(formulas.used_cells().next().is_none(), "no formula in the sheet");
    }
}
