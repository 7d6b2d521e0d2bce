//! How much of a spreadsheet the platform reads, and the problem that names a limit when a
//! file goes beyond it. A workbook is a ZIP of XML: 1.5 KB can name a cell a million rows down
//! and 250 KB can unpack to gigabytes, so every dimension a file controls is bounded before
//! anything is allocated for it.

use crate::error::{ApiError, Invalid};
use crate::i18n::Text;
use crate::tr;

/// The bounds of one spreadsheet read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of the upload itself.
    pub bytes: usize,
    /// Bytes a workbook's ZIP entries unpack to, all entries together.
    pub unpacked_bytes: u64,
    /// Rows of the sheet, the header row included.
    pub rows: usize,
    /// Columns of the sheet.
    pub columns: usize,
    /// Cells held in memory: each row up to its last non-empty cell, summed over the rows.
    pub cells: usize,
}

impl Limits {
    /// Every upload endpoint's limits. 100,000 rows of the organization template (9 columns)
    /// are about 3 MB as xlsx and 13 MB as CSV; the workbook unpacks to 57 MB when written
    /// with inline strings (32 MB with shared strings, as Excel writes it), well inside 96 MiB.
    pub const UPLOAD: Limits =
        Limits { bytes: 16 * MIB as usize, unpacked_bytes: 96 * MIB, rows: 100_000, columns: 64, cells: 2_000_000 };
}

const MIB: u64 = 1024 * 1024;

/// One limit, for the message that names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    Bytes,
    UnpackedBytes,
    Rows,
    Columns,
    Cells,
}

/// Why a file could not be read into a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetError {
    /// Not an xlsx workbook nor UTF-8 CSV, or damaged: 400.
    Unreadable(Text),
    /// Beyond a limit: 413 for bytes (sent or unpacked), 422 for the sheet's shape.
    Exceeds(Limit, Limits),
}

fn mib(bytes: u64) -> u64 {
    bytes / MIB
}

impl SheetError {
    /// The message naming the limit, e.g. "a sheet may have at most 100000 rows".
    pub fn message(&self) -> Text {
        match self {
            Self::Unreadable(t) => t.clone(),
            Self::Exceeds(limit, l) => match limit {
                Limit::Bytes => {
                    let m = mib(l.bytes as u64);
                    tr!("文件不能超过 {m} MiB", "the file may be at most {m} MiB")
                }
                Limit::UnpackedBytes => {
                    let m = mib(l.unpacked_bytes);
                    tr!("工作簿解压后不能超过 {m} MiB", "the workbook may unpack to at most {m} MiB")
                }
                Limit::Rows => {
                    let n = l.rows;
                    tr!("工作表最多 {n} 行（含表头）", "a sheet may have at most {n} rows (the header included)")
                }
                Limit::Columns => {
                    let n = l.columns;
                    tr!("工作表最多 {n} 列", "a sheet may have at most {n} columns")
                }
                Limit::Cells => {
                    let n = l.cells;
                    tr!("工作表最多 {n} 个单元格", "a sheet may have at most {n} cells")
                }
            },
        }
    }
}

/// The field every upload problem names: the file as a whole.
pub const FILE_FIELD: &str = "file";

impl From<SheetError> for ApiError {
    fn from(e: SheetError) -> Self {
        let invalid = vec![Invalid::new(FILE_FIELD, e.message())];
        match e {
            SheetError::Unreadable(detail) => ApiError::BadRequest { detail, errors: invalid },
            SheetError::Exceeds(Limit::Bytes | Limit::UnpackedBytes, _) => ApiError::PayloadTooLarge(invalid),
            SheetError::Exceeds(..) => ApiError::Validation(invalid),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn bytes_are_413_and_the_shape_is_422_each_naming_its_limit() {
        let cases = [
            (Limit::Bytes, 413, "at most 16 MiB"),
            (Limit::UnpackedBytes, 413, "unpack to at most 96 MiB"),
            (Limit::Rows, 422, "at most 100000 rows"),
            (Limit::Columns, 422, "at most 64 columns"),
            (Limit::Cells, 422, "at most 2000000 cells"),
        ];
        for (limit, status, words) in cases {
            let p = ApiError::from(SheetError::Exceeds(limit, Limits::UPLOAD)).problem(Lang::En);
            assert_eq!(p.status, status, "{limit:?}");
            assert_eq!(p.errors[0].field, "file");
            assert!(p.errors[0].message.contains(words), "{limit:?}: {}", p.errors[0].message);
        }
        let p = ApiError::from(SheetError::Exceeds(Limit::Rows, Limits::UPLOAD)).problem(Lang::Zh);
        assert!(p.errors[0].message.contains("最多 100000 行"), "{}", p.errors[0].message);
    }
}
