//! What every import and export shares: the errors of a file's rows, in the caller's language,
//! and the formats a list can be exported in.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::i18n::{Lang, Text};

#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// Line in the file (the header is line 1).
    pub row: usize,
    /// The column as named in the file's header.
    pub column: String,
    pub message: String,
}

/// A row error before it is put into the caller's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowIssue {
    pub row: usize,
    pub column: String,
    pub message: Text,
}

impl RowIssue {
    pub fn in_lang(&self, lang: Lang) -> RowError {
        RowError { row: self.row, column: self.column.clone(), message: self.message.get(lang).to_owned() }
    }
}

crate::text_enum!(
    ExportFormat {
        Xlsx => "xlsx",
        Csv => "csv",
    }
);

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// `xlsx` or `csv`; the default is the operation's.
    pub format: Option<ExportFormat>,
}
