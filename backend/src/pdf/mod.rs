//! PDF documents of plain text blocks — headings, paragraphs, ruled tables — in Chinese, made in
//! process: A4 portrait, 56 pt margins, "第 n 页 / 共 m 页" in each footer. The CJK font (Noto
//! Sans CJK SC) is bundled at build time by `build.rs` and embedded as a subset of the glyphs a
//! document uses, so a report is tens of kilobytes.
//!
//! ```no_run
//! # fn f() -> Result<Vec<u8>, zhuxiang::pdf::PdfError> {
//! use zhuxiang::pdf::Document;
//! let mut doc = Document::new("四川省 2024 年度报告");
//! doc.heading("四川省社会组织参与乡村振兴工作年度报告")
//!     .paragraph("第一段。\n第二行。")
//!     .table(&["指标", "数量"], &[vec!["结对帮扶".into(), "128".into()]], &[3.0, 1.0]);
//! doc.render()
//! # }
//! ```
//!
//! `render` takes some tens of milliseconds for a report of many pages (subsetting the font
//! dominates): call it from `web::block`, not on an async worker.

mod font;
mod layout;
mod write;

use crate::error::ApiError;
use crate::i18n::Text;
use crate::tr;

use layout::{Layout, Style};

/// Why a document could not be rendered.
#[derive(Debug, Clone, thiserror::Error)]
pub enum PdfError {
    /// The build machine had no CJK font, so none was bundled (`build.rs` warned).
    #[error("no CJK font was bundled at build time: apt-get install -y fonts-noto-cjk and rebuild")]
    NoFont,
    /// The bundled font could not be read or subset.
    #[error("the bundled font cannot be used: {0}")]
    BadFont(String),
    /// More pages than a PDF's object numbers can count.
    #[error("the document is too large for one PDF")]
    TooLarge,
}

impl PdfError {
    /// What a user may be told, in both languages.
    pub fn message(&self) -> Text {
        match self {
            Self::NoFont => tr!(
                "服务器未安装中文字体，暂时无法生成 PDF（管理员：apt-get install -y fonts-noto-cjk 后重新构建）。",
                "No Chinese font was bundled with this server, so it cannot make PDFs (administrator: \
                 apt-get install -y fonts-noto-cjk and rebuild)."
            ),
            Self::BadFont(_) => {
                tr!("内置字体无法使用，无法生成 PDF。", "The bundled font cannot be used to make PDFs.")
            }
            Self::TooLarge => tr!("文档过大，无法生成 PDF。", "The document is too large for a PDF."),
        }
    }
}

/// `ApiError` has no 503 carrying its own message (`Unavailable` speaks of the database), so
/// every render failure is an internal error: logged with its cause, answered as a 500.
impl From<PdfError> for ApiError {
    fn from(e: PdfError) -> Self {
        match e {
            // the operator's to fix, and the answer says how
            PdfError::NoFont => ApiError::NotInstalled(e.message()),
            e => ApiError::Internal(anyhow::Error::new(e)),
        }
    }
}

enum Block {
    Text(Style, String),
    Table { header: Vec<String>, rows: Vec<Vec<String>>, widths: Vec<f32> },
    Spacer(f32),
}

/// A document being built, block by block, top to bottom.
pub struct Document {
    title: String,
    blocks: Vec<Block>,
}

impl Document {
    /// An empty document; `title` is its document-info Title (what a viewer's title bar shows),
    /// not drawn on the page: start with [`Document::heading`] for that.
    pub fn new(title: &str) -> Self {
        Self { title: title.chars().filter(|c| !c.is_control()).collect(), blocks: vec![] }
    }

    /// A title line (18 pt, bolder), wrapped if long, kept with the start of what follows.
    pub fn heading(&mut self, text: &str) -> &mut Self {
        self.text(Style::HEADING, text)
    }

    /// A section title (14 pt, bolder).
    pub fn subheading(&mut self, text: &str) -> &mut Self {
        self.text(Style::SUBHEADING, text)
    }

    /// Body text (10.5 pt) wrapped to the page width, running onto further pages as needed. Each
    /// '\n' starts a new line; control characters are dropped (a tab becomes a space). Indent a
    /// first line with ideographic spaces ("\u{3000}\u{3000}") where the report wants it.
    pub fn paragraph(&mut self, text: &str) -> &mut Self {
        self.text(Style::BODY, text)
    }

    /// A ruled table with a shaded `header` row (left out when it has no text), repeated atop each
    /// page the table runs onto. `widths` are the columns' relative widths, e.g. `[3.0, 1.0]`;
    /// columns are equal when they are not one positive number per column. Cells wrap; figures are
    /// right-aligned; a row has as many columns as the widest of the header and the rows.
    pub fn table(&mut self, header: &[&str], rows: &[Vec<String>], widths: &[f32]) -> &mut Self {
        let header = header.iter().map(|h| (*h).to_owned()).collect();
        self.blocks.push(Block::Table { header, rows: rows.to_vec(), widths: widths.to_vec() });
        self
    }

    /// Vertical space in points; it does not carry over a page break.
    pub fn spacer(&mut self, pt: f32) -> &mut Self {
        self.blocks.push(Block::Spacer(pt));
        self
    }

    fn text(&mut self, style: Style, text: &str) -> &mut Self {
        self.blocks.push(Block::Text(style, text.to_owned()));
        self
    }

    /// The PDF file's bytes.
    pub fn render(&self) -> Result<Vec<u8>, PdfError> {
        let font = font::bundled()?;
        let mut glyphs = font::GlyphSet::new(font);
        let mut layout = Layout::new(&mut glyphs);
        for block in &self.blocks {
            match block {
                Block::Text(style, text) => layout.text(*style, text),
                Block::Table { header, rows, widths } => layout.table(header, rows, widths),
                Block::Spacer(pt) => layout.spacer(*pt),
            }
        }
        let pages = layout.finish();
        write::write(&self.title, &pages, &glyphs.freeze())
    }
}

#[cfg(test)]
mod tests {
    use std::process::Command;
    use std::time::Instant;

    use super::*;

    const SENTENCE: &str =
        "各地社会组织围绕产业帮扶、教育帮扶和健康帮扶持续发力，助力巩固拓展脱贫攻坚成果同乡村振兴有效衔接。";
    const LAST: &str = "报告结束，感谢各级社会组织的积极参与。";

    fn render(doc: &Document) -> Vec<u8> {
        match doc.render() {
            Ok(pdf) => pdf,
            Err(PdfError::NoFont) => {
                panic!(
                    "no CJK font was bundled: apt-get install -y fonts-noto-cjk, then rebuild (cargo clean -p zhuxiang)"
                )
            }
            Err(e) => panic!("render failed: {e}"),
        }
    }

    /// Runs a poppler tool on `pdf` (written to a temporary file) and returns its output.
    fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("report.pdf");
        std::fs::write(&path, pdf).expect("write the PDF");
        let mut command = Command::new(tool);
        command.args(args).arg(&path);
        if tool == "pdftotext" {
            command.arg("-"); // to standard output
        }
        let output = match command.output() {
            Ok(output) => output,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                panic!("{tool} is missing: apt-get install -y poppler-utils")
            }
            Err(e) => panic!("{tool}: {e}"),
        };
        assert!(output.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn report() -> Document {
        let mut doc = Document::new("四川省 2024 年度报告");
        doc.heading("四川省社会组织参与乡村振兴工作年度报告")
            .paragraph("报告期：2024 年 1 月 1 日至 12 月 31 日。Reported by the provincial civil affairs department.")
            .subheading("一、主要工作数据")
            .table(
                &["工作类别", "项目数", "投入资金（万元）"],
                &[
                    vec!["结对帮扶".into(), "128".into(), "3,560.5".into()],
                    vec!["产业帮扶".into(), "57".into(), "1,204".into()],
                    vec!["教育帮扶（含职业技能培训、助学金发放和留守儿童关爱服务）".into(), "16".into(), "88".into()],
                ],
                &[3.0, 1.0, 1.5],
            )
            .subheading("二、工作进展");
        for _ in 0..300 {
            doc.paragraph(SENTENCE);
        }
        doc.spacer(12.0).paragraph(LAST);
        doc
    }

    #[test]
    fn renders_a_report_whose_text_extracts() {
        let doc = report();
        let started = Instant::now();
        let pdf = render(&doc);
        println!("report PDF: {} bytes, rendered in {:?}", pdf.len(), started.elapsed());
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pdf.len() < 300 * 1024, "the PDF is {} bytes", pdf.len());

        let info = poppler("pdfinfo", &[], &pdf);
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("no page count in pdfinfo's output:\n{info}"));
        assert!(pages > 1, "{pages} page(s)");
        assert!(info.contains("四川省 2024 年度报告"), "title missing:\n{info}");

        let text = poppler("pdftotext", &[], &pdf);
        for expected in
            ["四川省社会组织参与乡村振兴工作年度报告", "结对帮扶", "128", "3,560.5", "第 2 页", &SENTENCE[..36]]
        {
            assert!(text.contains(expected), "{expected:?} is not in the extracted text");
        }
        let last_page = pages.to_string();
        let last = poppler("pdftotext", &["-f", &last_page, "-l", &last_page], &pdf);
        assert!(last.contains(LAST), "the last sentence is not on the last page:\n{last}");
        assert!(last.contains(&format!("第 {pages} 页 / 共 {pages} 页")), "footer missing:\n{last}");

        let fonts = poppler("pdffonts", &[], &pdf);
        let row = fonts.lines().find(|l| l.contains("NotoSansCJK")).unwrap_or_else(|| panic!("no CJK font:\n{fonts}"));
        let columns: Vec<&str> = row.split_whitespace().collect();
        // … emb sub uni object generation
        let [.., emb, sub, uni, _, _] = columns.as_slice() else { panic!("unexpected pdffonts row: {row}") };
        assert_eq!([*emb, *sub, *uni], ["yes", "yes", "yes"], "{row}");
    }

    #[test]
    fn odd_input_renders_without_panic() {
        let long_word = "a".repeat(5000);
        let long_cjk = "乡".repeat(5000);
        let mut doc = Document::new("\u{0}odd\ttitle\r\n");
        doc.heading("")
            .heading("   ")
            .subheading("\t\r\n\u{0}\u{7}\u{1b}[31m")
            .paragraph("emoji 😀🎉 and a missing CJK extension char 𪚥 and \u{200b}zero-width")
            .paragraph(&long_word)
            .paragraph(&long_cjk)
            .paragraph(&format!("（{}）", "。".repeat(3000)))
            .paragraph("\n\n\n")
            .spacer(f32::NAN)
            .spacer(-5.0)
            .spacer(1e9)
            .spacer(f32::INFINITY)
            .table(&[], &[], &[])
            .table(&["a"], &[vec![], vec!["1".into(), "2".into(), "3".into()]], &[f32::NAN])
            .table(&["x", "y"], &[vec![long_word.clone(), long_cjk.clone()]], &[0.0001, 1000.0])
            .table(&[&long_cjk], &[vec!["1".into()]], &[1.0]);
        let pdf = render(&doc);
        assert!(pdf.starts_with(b"%PDF-"));
        let text = poppler("pdftotext", &[], &pdf);
        // Characters the font lacks draw as .notdef but still extract.
        assert!(text.contains('😀'), "the emoji does not extract");

        let empty = render(&Document::new(""));
        assert!(empty.starts_with(b"%PDF-"));
        assert!(poppler("pdfinfo", &[], &empty).contains("Pages:           1"));
    }

    #[test]
    fn no_font_says_how_to_install_one() {
        let message = PdfError::NoFont.message();
        assert!(message.zh.contains("apt-get install -y fonts-noto-cjk"));
        assert!(message.en.contains("apt-get install -y fonts-noto-cjk"));
    }
}
