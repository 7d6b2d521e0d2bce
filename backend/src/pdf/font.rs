//! The CJK font bundled at build time (see `build.rs`) and the glyphs one document draws with it.
//!
//! The text is drawn with a Type0 font whose codes are CIDs (Identity-H). Every character the
//! font has gets the id of its glyph in the document's subset, in order of first use (subsetter
//! numbers the subset's glyphs so and makes CID = glyph id). A character it lacks is drawn as
//! CID 0, the font's .notdef box; the content stream names the real character in an ActualText
//! span around it, as the ToUnicode map cannot tell several characters drawn with CID 0 apart.

use std::collections::HashMap;
use std::sync::OnceLock;

use subsetter::GlyphRemapper;
use ttf_parser::{Face, GlyphId, name_id};

use super::PdfError;

/// The font file `build.rs` found (a TrueType/OpenType collection or a single font), or an empty
/// file when the build machine had none.
static FONT_FILE: &[u8] = include_bytes!(env!("ZHUXIANG_PDF_FONT_FILE"));

/// The face of Debian's `NotoSansCJK-Regular.ttc` for Simplified Chinese.
const FAMILY: &str = "Noto Sans CJK SC";
/// Where that face sits in Noto's collections (JP, KR, SC, TC, HK), should its name not be found.
const FALLBACK_INDEX: u32 = 2;

/// The bundled face, parsed once.
pub(crate) struct Font {
    pub face: Face<'static>,
    pub data: &'static [u8],
    /// The face's index in a collection (0 for a single font), which subsetter needs too.
    pub index: u32,
    /// PostScript outlines (CFF) rather than TrueType ones (glyf): decides how it is embedded.
    pub cff: bool,
    /// The PostScript name, for the PDF's BaseFont.
    pub ps_name: String,
    units_per_em: f32,
}

/// The font `build.rs` bundled, or why there is none usable.
pub(crate) fn bundled() -> Result<&'static Font, PdfError> {
    static FONT: OnceLock<Result<Font, PdfError>> = OnceLock::new();
    FONT.get_or_init(|| Font::load(FONT_FILE)).as_ref().map_err(Clone::clone)
}

impl Font {
    fn load(data: &'static [u8]) -> Result<Self, PdfError> {
        if data.is_empty() {
            return Err(PdfError::NoFont);
        }
        let index = choose_face(data);
        let face = Face::parse(data, index).map_err(|e| PdfError::BadFont(e.to_string()))?;
        let cff = if face.tables().cff.is_some() {
            true
        } else if face.tables().glyf.is_some() {
            false
        } else {
            // CFF2 (variable) outlines would need subsetter's `variable-fonts` and its skrifa.
            return Err(PdfError::BadFont("the face has neither CFF nor glyf outlines".into()));
        };
        let ps_name = face
            .names()
            .into_iter()
            .filter(|n| n.name_id == name_id::POST_SCRIPT_NAME)
            .find_map(|n| n.to_string())
            .map(|n| n.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect::<String>())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "CJKFont".to_owned());
        let units_per_em = f32::from(face.units_per_em().max(1));
        Ok(Self { face, data, index, cff, ps_name, units_per_em })
    }

    /// Converts font units to ems.
    pub fn em(&self, units: f32) -> f32 {
        units / self.units_per_em
    }

    /// The glyph drawing `c`, if the font has one (glyph 0 is .notdef, which is no glyph for `c`).
    fn glyph(&self, c: char) -> Option<u16> {
        let gid = self.face.glyph_index(c)?.0;
        // A malformed cmap could point past the glyphs; the subset could not hold such a glyph.
        (gid != 0 && gid < self.face.number_of_glyphs()).then_some(gid)
    }

    /// Advance width in ems.
    fn advance(&self, gid: u16) -> f32 {
        self.em(f32::from(self.face.glyph_hor_advance(GlyphId(gid)).unwrap_or(0)))
    }
}

/// The collection's face named [`FAMILY`], else [`FALLBACK_INDEX`] when the collection has that
/// many faces, else the first: a font given through `ZHUXIANG_PDF_FONT` may be any CJK font.
fn choose_face(data: &[u8]) -> u32 {
    let count = ttf_parser::fonts_in_collection(data).unwrap_or(1);
    let named = (0..count).find(|&i| Face::parse(data, i).is_ok_and(|face| has_family(&face, FAMILY)));
    named.unwrap_or(if count > FALLBACK_INDEX { FALLBACK_INDEX } else { 0 })
}

fn has_family(face: &Face<'_>, family: &str) -> bool {
    face.names()
        .into_iter()
        .filter(|n| matches!(n.name_id, name_id::FAMILY | name_id::TYPOGRAPHIC_FAMILY))
        .any(|n| n.to_string().as_deref() == Some(family))
}

/// The glyphs a document uses, gathered while it is laid out.
pub(crate) struct GlyphSet {
    font: &'static Font,
    /// Each character's CID (0 for one the font lacks) and advance in ems.
    slots: HashMap<char, (u16, f32)>,
    remapper: GlyphRemapper,
    /// By CID: the first character drawn with that glyph (several characters can share one,
    /// e.g. U+0020 and U+00A0; a glyph has one ToUnicode entry).
    chars: Vec<Option<char>>,
}

impl GlyphSet {
    pub fn new(font: &'static Font) -> Self {
        // The remapper starts with .notdef as glyph 0.
        Self { font, slots: HashMap::new(), remapper: GlyphRemapper::new(), chars: vec![None] }
    }

    /// The advance of `c` in ems, registering it for the document.
    pub fn width(&mut self, c: char) -> f32 {
        if let Some(&(_, advance)) = self.slots.get(&c) {
            return advance;
        }
        let (cid, advance) = match self.font.glyph(c) {
            Some(gid) => {
                let cid = self.remapper.remap(gid);
                if usize::from(cid) == self.chars.len() {
                    self.chars.push(Some(c));
                }
                (cid, self.font.advance(gid))
            }
            None => (0, self.font.advance(0)),
        };
        self.slots.insert(c, (cid, advance));
        advance
    }

    /// The document's glyphs, once every character of it is registered.
    pub fn freeze(self) -> Glyphs {
        let widths = self.remapper.remapped_gids().map(|gid| self.font.advance(gid)).collect();
        let unicode =
            self.chars.iter().enumerate().filter_map(|(cid, c)| Some((u16::try_from(cid).ok()?, (*c)?))).collect();
        let cids = self.slots.into_iter().map(|(c, (cid, _))| (c, cid)).collect();
        Glyphs { font: self.font, cids, widths, unicode, remapper: self.remapper }
    }
}

/// The glyphs of a laid-out document.
pub(crate) struct Glyphs {
    pub font: &'static Font,
    cids: HashMap<char, u16>,
    /// Advance in ems by CID, from 0.
    pub widths: Vec<f32>,
    /// ToUnicode entries.
    pub unicode: Vec<(u16, char)>,
    pub remapper: GlyphRemapper,
}

/// A stretch of a line drawn with one `Tj`: two-byte CIDs (Identity-H).
pub(crate) enum Run {
    Drawn(Vec<u8>),
    /// Characters the font lacks, drawn as .notdef, and what they are.
    Missing(Vec<u8>, String),
}

impl Glyphs {
    /// `text` in runs of characters the font has and characters it lacks. Every character was
    /// registered while laying out; one that was not counts as lacking.
    pub fn runs(&self, text: &str) -> Vec<Run> {
        let mut runs: Vec<Run> = vec![];
        for c in text.chars() {
            let cid = self.cids.get(&c).copied().unwrap_or(0);
            let bytes = cid.to_be_bytes();
            match (runs.last_mut(), cid) {
                (Some(Run::Drawn(codes)), 1..) => codes.extend_from_slice(&bytes),
                (Some(Run::Missing(codes, chars)), 0) => {
                    codes.extend_from_slice(&bytes);
                    chars.push(c);
                }
                (_, 0) => runs.push(Run::Missing(bytes.to_vec(), c.to_string())),
                (_, _) => runs.push(Run::Drawn(bytes.to_vec())),
            }
        }
        runs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_build_without_a_font_answers_no_font() {
        assert!(matches!(Font::load(&[]), Err(PdfError::NoFont)));
        assert!(matches!(Font::load(b"not a font at all"), Err(PdfError::BadFont(_))));
    }

    #[test]
    fn picks_the_simplified_chinese_face_by_name() {
        if !env!("ZHUXIANG_PDF_FONT_FILE").ends_with("NotoSansCJK-Regular.ttc") {
            return; // another font was given through ZHUXIANG_PDF_FONT
        }
        let font = bundled().expect("the bundled font loads");
        assert!(has_family(&font.face, FAMILY), "face {} is not {FAMILY}", font.index);
        assert!(font.cff);
        assert_eq!(font.ps_name, "NotoSansCJKsc-Regular");
    }
}
