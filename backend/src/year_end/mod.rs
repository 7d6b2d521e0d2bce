//! Provincial year-end reports (每年底报送): every province reports each year-end to 国家乡村振兴局
//! and 民政部. The province's officers write the narrative beside figures read live from the
//! statistics; an officer of each of its two departments signs; the submission freezes the
//! figures and is kept as a version; the national liaison units accept (locking it) or return
//! it with comments per section, and may reopen an accepted one. The national board follows a
//! year's reports against the deadline, reminds, and downloads the accepted ones as a
//! spreadsheet and a zip of PDFs.

pub mod attachments;
pub mod board;
pub mod document;
pub mod export;
pub mod figures;
pub mod model;
pub mod notices;
pub mod routes;
pub mod store;
pub mod versions;

/// The family's endpoints, listed once (`routing.rs`).
pub fn register(r: &mut crate::routing::Routes) {
    r.tag("year-end-reports", "Provincial year-end reports (每年底报送): signatures, review, versions, the national board");
    crate::routes!(r;
        routes::list_year_end_reports, routes::create_year_end_report,
        // fixed paths before `/year-end-reports/{id}`
        board::get_year_end_board, board::set_year_end_deadline, board::remind_year_end_reports,
        export::export_year_end_reports, export::download_year_end_report_pdfs,
        export::get_year_end_report_pdf,
        routes::get_year_end_report, routes::update_year_end_report,
        routes::sign_year_end_report, routes::transition_year_end_report, routes::list_year_end_report_versions,
        attachments::list_year_end_report_attachments, attachments::create_year_end_report_attachment,
        attachments::get_year_end_report_attachment, attachments::delete_year_end_report_attachment,
    );
}
