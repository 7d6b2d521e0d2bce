//! A report as a PDF (`crate::pdf`): the title, the figures table (as submitted, or live with a
//! note while it is written), the five sections as paragraphs, the signatures and the
//! attachments' names — what the national liaison units file.

use super::model::YearEndReport;
use crate::domain::year_end::Section;
use crate::error::ApiResult;
use crate::pdf::Document;

/// The file's name: `四川省-2026-年度报告.pdf`.
pub fn file_name(report: &YearEndReport) -> String {
    format!("{}-{}-年度报告.pdf", report.province_name, report.year)
}

pub fn render(report: &YearEndReport, attachments: &[String]) -> ApiResult<Vec<u8>> {
    let title = format!("{}{}年度社会组织参与乡村振兴工作情况报告", report.province_name, report.year);
    let mut d = Document::new(&title);
    d.heading(&title);
    let when = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map(|t| crate::clock::in_china(t.naive_utc()).format("%Y-%m-%d %H:%M").to_string()).unwrap_or_else(|| "—".into())
    };
    d.paragraph(&format!(
        "状态：{}　报送时间：{}　接收时间：{}",
        report.status.zh(),
        when(report.submitted_at),
        when(report.accepted_at)
    ));
    d.spacer(6.0);
    d.subheading("一、主要数据");
    let (figures, note) = match &report.figures {
        Some(f) => (f, "以下数据为报送时冻结的统计数据。"),
        None => (&report.live_figures, "报告尚未报送，以下为当前实时统计数据。"),
    };
    d.paragraph(note);
    let rows: Vec<Vec<String>> = figures
        .iter()
        .map(|f| vec![f.label_zh.clone(), f.value.clone()])
        .collect();
    d.table(&["指标", "数值"], &rows, &[0.65, 0.35]);
    for (n, section) in Section::ALL.iter().enumerate() {
        d.spacer(6.0);
        d.subheading(&format!("{}、{}", ["二", "三", "四", "五", "六"][n], section.zh()));
        let paragraphs = crate::rich_text::paragraphs(report.sections.get(*section));
        if paragraphs.is_empty() {
            d.paragraph("（未填写）");
        }
        for p in paragraphs {
            d.paragraph(&p);
        }
    }
    d.spacer(6.0);
    d.subheading("七、签署");
    let signatures: Vec<Vec<String>> = report
        .signatures
        .iter()
        .map(|s| vec![s.department.zh().to_owned(), s.signer_name.clone(), when(Some(s.signed_at))])
        .collect();
    if signatures.is_empty() {
        d.paragraph("（尚未签署）");
    } else {
        d.table(&["部门", "签署人", "签署时间"], &signatures, &[0.3, 0.4, 0.3]);
    }
    if !attachments.is_empty() {
        d.spacer(6.0);
        d.subheading("附件");
        for (n, name) in attachments.iter().enumerate() {
            d.paragraph(&format!("{}. {name}", n + 1));
        }
    }
    Ok(d.render()?)
}
