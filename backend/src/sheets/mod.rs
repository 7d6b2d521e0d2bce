//! Spreadsheets in and out, for every endpoint family: uploads are read through one bounded
//! reader (bytes, unpacked bytes, rows, columns, cells) off the async workers, and exports
//! write typed cells through one writer that never lets a formula reach a coordinator's Excel.

pub mod background;
pub mod export;
pub mod formula;
pub mod limits;
pub mod read;
pub mod rows;
pub mod upload;
pub mod write;

pub use limits::{Limit, Limits, SheetError};
pub use read::{Table, read_table};
pub use rows::{ExportFormat, ExportParams, RowError, RowIssue};
pub use upload::{Upload, UploadErrors, UploadForm, UploadOrRowErrors, read_upload};
pub use write::{Cell, Csv, XlsxRows};
