use std::env;
use std::fs;
use std::path::PathBuf;

fn main() {
    // The migrations are embedded at compile time: rebuild when a migration folder is added.
    println!("cargo:rerun-if-changed=../migrations");
    bundle_pdf_font();
}

/// Debian's `fonts-noto-cjk`: a collection whose "Noto Sans CJK SC" face the PDF renderer uses.
const DEBIAN_CJK_FONT: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

/// Hands the CJK font to `src/pdf/font.rs` as `ZHUXIANG_PDF_FONT_FILE`, a path for
/// `include_bytes!`: the font named by `ZHUXIANG_PDF_FONT`, else Debian's. A machine without it
/// still builds (the reports are one feature among many): the path is then an empty file and
/// rendering a PDF answers `PdfError::NoFont`.
fn bundle_pdf_font() {
    println!("cargo:rerun-if-env-changed=ZHUXIANG_PDF_FONT");
    let chosen = env::var_os("ZHUXIANG_PDF_FONT").filter(|v| !v.is_empty()).map(PathBuf::from);
    let path = chosen.unwrap_or_else(|| PathBuf::from(DEBIAN_CJK_FONT));
    // Also when it is missing: cargo then reruns this script on every build, so installing the
    // package is picked up without a `cargo clean`.
    println!("cargo:rerun-if-changed={}", path.display());

    let usable = fs::metadata(&path).map(|m| m.is_file() && m.len() > 0).unwrap_or(false);
    let bundled = if usable {
        // Absolute, as `include_bytes!` resolves a relative path against the including file.
        fs::canonicalize(&path).unwrap_or(path)
    } else {
        println!(
            "cargo:warning=zhuxiang: no CJK font at {} — rendering a PDF fails (PdfError::NoFont) until it is there: \
             apt-get install -y fonts-noto-cjk (or set ZHUXIANG_PDF_FONT to an OpenType font) and rebuild",
            path.display()
        );
        let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts"));
        let empty = out_dir.join("no-pdf-font.bin");
        fs::write(&empty, b"").expect("OUT_DIR is writable");
        empty
    };
    println!("cargo:rustc-env=ZHUXIANG_PDF_FONT_FILE={}", bundled.display());
}
