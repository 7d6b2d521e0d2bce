//! Writes laid-out pages as a PDF: the page tree, a compressed content stream per page, and the
//! font — a Type0 (Identity-H) font over the document's subset of the bundled face, with widths
//! and a ToUnicode map so the text can be searched and copied.

use std::hash::{DefaultHasher, Hash, Hasher};

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, TextRenderingMode, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use super::PdfError;
use super::font::{Glyphs, Run};
use super::layout::{Op, PAGE_HEIGHT, PAGE_WIDTH, Page};

const FONT_NAME: Name<'static> = Name(b"F1");
/// The subset is CID-keyed with CID = glyph id, which Adobe-Identity-0 declares.
const SYSTEM_INFO: SystemInfo<'static> =
    SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };
/// Rules are thin and dark grey, so they frame the figures without competing with them.
const RULE_WIDTH: f32 = 0.5;
const RULE_GREY: f32 = 0.35;
const SHADE_GREY: f32 = 0.93;

/// Object numbers: the fixed objects first, then a page and its content stream per page.
struct Refs {
    catalog: Ref,
    tree: Ref,
    info: Ref,
    type0: Ref,
    cid_font: Ref,
    descriptor: Ref,
    to_unicode: Ref,
    font_file: Ref,
}

impl Refs {
    const FIRST_PAGE: i32 = 9;

    fn new() -> Self {
        Self {
            catalog: Ref::new(1),
            tree: Ref::new(2),
            info: Ref::new(3),
            type0: Ref::new(4),
            cid_font: Ref::new(5),
            descriptor: Ref::new(6),
            to_unicode: Ref::new(7),
            font_file: Ref::new(8),
        }
    }

    /// The page object and content stream of page `n` (from 0).
    fn page(n: usize) -> Result<(Ref, Ref), PdfError> {
        let id = i32::try_from(n)
            .ok()
            .and_then(|n| n.checked_mul(2))
            .and_then(|n| n.checked_add(Self::FIRST_PAGE))
            .filter(|id| *id < i32::MAX - 1)
            .ok_or(PdfError::TooLarge)?;
        Ok((Ref::new(id), Ref::new(id + 1)))
    }
}

pub(crate) fn write(title: &str, pages: &[Page], glyphs: &Glyphs) -> Result<Vec<u8>, PdfError> {
    let refs = Refs::new();
    let mut pdf = Pdf::new();

    let mut catalog = pdf.catalog(refs.catalog);
    catalog.pages(refs.tree).lang(TextStr("zh-CN"));
    catalog.viewer_preferences().display_doc_title(true);
    catalog.finish();
    pdf.document_info(refs.info).title(TextStr(title)).producer(TextStr("zhuxiang"));

    let page_refs = (0..pages.len()).map(Refs::page).collect::<Result<Vec<_>, _>>()?;
    let count = i32::try_from(pages.len()).map_err(|_| PdfError::TooLarge)?;
    pdf.pages(refs.tree).kids(page_refs.iter().map(|(page, _)| *page)).count(count);

    for (page, (page_ref, content_ref)) in pages.iter().zip(&page_refs) {
        let mut writer = pdf.page(*page_ref);
        writer.parent(refs.tree).media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT)).contents(*content_ref);
        writer.resources().fonts().pair(FONT_NAME, refs.type0);
        writer.finish();
        let content = deflate(&content(page, glyphs));
        pdf.stream(*content_ref, &content).filter(Filter::FlateDecode);
    }

    write_font(&mut pdf, &refs, glyphs)?;
    Ok(pdf.finish())
}

fn content(page: &Page, glyphs: &Glyphs) -> Vec<u8> {
    let mut content = Content::new();
    content.set_line_width(RULE_WIDTH).set_stroke_gray(RULE_GREY);
    for op in &page.ops {
        match op {
            Op::Shade { x, y, width, height } => {
                content.set_fill_gray(SHADE_GREY).rect(*x, *y, *width, *height).fill_nonzero().set_fill_gray(0.0);
            }
            Op::Rule { x1, y1, x2, y2 } => {
                content.move_to(*x1, *y1).line_to(*x2, *y2).stroke();
            }
            Op::Text { x, y, size, bold, text } => {
                if *bold {
                    // The regular face stroked as well as filled: bolder without bundling the
                    // bold face's 20 MB.
                    content.save_state().set_stroke_gray(0.0).set_line_width(size * 0.035);
                    content.set_text_rendering_mode(TextRenderingMode::FillStroke);
                }
                content.begin_text().set_font(FONT_NAME, *size);
                content.set_text_matrix([1.0, 0.0, 0.0, 1.0, *x, *y]);
                for run in glyphs.runs(text) {
                    match run {
                        Run::Drawn(codes) => {
                            content.show(Str(&codes));
                        }
                        Run::Missing(codes, chars) => {
                            content
                                .begin_marked_content_with_properties(Name(b"Span"))
                                .properties()
                                .actual_text(TextStr(&chars));
                            content.show(Str(&codes)).end_marked_content();
                        }
                    }
                }
                content.end_text();
                if *bold {
                    content.restore_state();
                }
            }
        }
    }
    content.finish().into_vec()
}

fn write_font(pdf: &mut Pdf, refs: &Refs, glyphs: &Glyphs) -> Result<(), PdfError> {
    let font = glyphs.font;
    let base_name = format!("{}+{}", subset_tag(glyphs), font.ps_name);
    let base_name = Name(base_name.as_bytes());

    pdf.type0_font(refs.type0)
        .base_font(base_name)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(refs.cid_font)
        .to_unicode(refs.to_unicode);

    let mut cid = pdf.cid_font(refs.cid_font);
    cid.subtype(if font.cff { CidFontType::Type0 } else { CidFontType::Type2 })
        .base_font(base_name)
        .system_info(SYSTEM_INFO)
        .font_descriptor(refs.descriptor)
        .default_width(0.0);
    if !font.cff {
        cid.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    cid.widths().consecutive(0, glyphs.widths.iter().map(|w| w * 1000.0));
    cid.finish();

    let face = &font.face;
    let em = |units: i16| font.em(f32::from(units)) * 1000.0;
    let bbox = face.global_bounding_box();
    let mut descriptor = pdf.font_descriptor(refs.descriptor);
    descriptor
        .name(base_name)
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(em(bbox.x_min), em(bbox.y_min), em(bbox.x_max), em(bbox.y_max)))
        .italic_angle(0.0)
        .ascent(em(face.ascender()))
        .descent(em(face.descender()))
        .cap_height(em(face.capital_height().unwrap_or(face.ascender())))
        // The usual estimate from the weight class (400 → 95) when the font states none.
        .stem_v(10.0 + 0.244 * (f32::from(face.weight().to_number()) - 50.0));
    if font.cff {
        descriptor.font_file3(refs.font_file);
    } else {
        descriptor.font_file2(refs.font_file);
    }
    descriptor.finish();

    let program = deflate(&font_program(glyphs)?);
    let mut stream = pdf.stream(refs.font_file, &program);
    stream.filter(Filter::FlateDecode);
    if font.cff {
        stream.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    }
    stream.finish();

    let mut cmap = UnicodeCmap::new(Name(b"Zhuxiang-UTF16"), SYSTEM_INFO);
    for &(cid, c) in &glyphs.unicode {
        cmap.pair(cid, c);
    }
    let cmap = deflate(&cmap.finish());
    pdf.stream(refs.to_unicode, &cmap).filter(Filter::FlateDecode);
    Ok(())
}

/// The subset as the PDF embeds it: a bare CFF program (FontFile3), or the TrueType font.
fn font_program(glyphs: &Glyphs) -> Result<Vec<u8>, PdfError> {
    let font = glyphs.font;
    let subset = subsetter::subset(font.data, font.index, &glyphs.remapper)
        .map_err(|e| PdfError::BadFont(format!("subsetting: {e}")))?;
    if !font.cff {
        return Ok(subset);
    }
    let raw = ttf_parser::RawFace::parse(&subset, 0).map_err(|e| PdfError::BadFont(format!("subset: {e}")))?;
    let cff =
        raw.table(ttf_parser::Tag::from_bytes(b"CFF ")).ok_or_else(|| PdfError::BadFont("subset has no CFF".into()))?;
    Ok(cff.to_vec())
}

/// Six capitals naming the subset, so that two documents' different subsets of the same font
/// never pass for one another (PDF 32000-1, 9.6.4).
fn subset_tag(glyphs: &Glyphs) -> String {
    let mut hasher = DefaultHasher::new();
    glyphs.remapper.remapped_gids().for_each(|gid| gid.hash(&mut hasher));
    let mut hash = Hasher::finish(&hasher);
    (0..6)
        .map(|_| {
            let letter = b'A' + (hash % 26) as u8;
            hash /= 26;
            char::from(letter)
        })
        .collect()
}

fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}
