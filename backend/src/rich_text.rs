//! Rich text that people write in the browser (a year-end report's narrative): kept to safe
//! formatting — paragraphs, line breaks, bold, italic, underline, lists, two heading levels,
//! quotes — so what one coordinator wrote never runs in another's browser. And the same text as
//! plain paragraphs, for a PDF.
//!
//! The sanitizer is a single pass over the tags, not an HTML tree builder: text is decoded and
//! escaped again, the allowed tags are written bare (no attribute survives), every other tag is
//! dropped (script and style with their content), and tags are balanced with a bounded stack.
//! A tree builder re-opens every unclosed formatting element at each later block, so a few
//! kilobytes of crafted markup grew to millions of elements; this pass is linear in its input
//! and its output is never larger than a small multiple of it.

/// The tags kept.
const TAGS: [&str; 13] = ["p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h3", "h4", "blockquote"];
/// Dropped with everything inside them.
const HIDDEN: [&str; 2] = ["script", "style"];
/// Elements open at once; deeper ones are dropped (real text nests a few levels).
const MAX_DEPTH: usize = 32;

/// The text with only the allowed tags, without attributes or comments, balanced; surrounding
/// white space trimmed.
pub fn sanitize(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut open: Vec<&'static str> = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        escape_into(&mut out, &decode(&rest[..lt]));
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map(|e| &after[e + 3..]).unwrap_or("");
            continue;
        }
        let Some(gt) = rest.find('>') else {
            // a '<' that starts no tag is text
            escape_into(&mut out, &decode(rest));
            rest = "";
            break;
        };
        let inner = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() && !inner.starts_with('!') && !inner.starts_with('?') && !closing {
            // `a < b > c`: not a tag
            escape_into(&mut out, "<");
            escape_into(&mut out, &decode(inner));
            escape_into(&mut out, ">");
            continue;
        }
        if !closing && HIDDEN.contains(&name.as_str()) {
            let end = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = match lower.find(&end) {
                Some(e) => rest[e..].find('>').map(|g| &rest[e + g + 1..]).unwrap_or(""),
                None => "",
            };
            continue;
        }
        let Some(tag) = TAGS.iter().copied().find(|t| *t == name) else { continue };
        if tag == "br" {
            out.push_str("<br>");
        } else if closing {
            if let Some(at) = open.iter().rposition(|t| *t == tag) {
                for t in open.drain(at..).rev() {
                    out.push_str(&format!("</{t}>"));
                }
            }
        } else if open.len() < MAX_DEPTH {
            open.push(tag);
            out.push_str(&format!("<{tag}>"));
        }
    }
    escape_into(&mut out, &decode(rest));
    for t in open.into_iter().rev() {
        out.push_str(&format!("</{t}>"));
    }
    out.trim().to_owned()
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// The characters a reader sees (the text without its tags), for limits and emptiness.
pub fn visible_len(html: &str) -> usize {
    paragraphs(html).iter().map(|p| p.chars().count()).sum()
}

/// The text as plain paragraphs: a new one at each block's end and line break, list items
/// marked, entities decoded, blank ones dropped.
pub fn paragraphs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut rest = html;
    let mut ordered: Vec<Option<usize>> = Vec::new();
    while let Some(lt) = rest.find('<') {
        current.push_str(&decode(&rest[..lt]));
        let Some(gt) = rest[lt..].find('>') else {
            current.push_str(&decode(&rest[lt..]));
            rest = "";
            break;
        };
        let tag = rest[lt + 1..lt + gt].trim().to_ascii_lowercase();
        rest = &rest[lt + gt + 1..];
        let name = tag.trim_start_matches('/').split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or("");
        let closing = tag.starts_with('/');
        match (name, closing) {
            ("ol", false) => ordered.push(Some(0)),
            ("ul", false) => ordered.push(None),
            ("ol" | "ul", true) => {
                ordered.pop();
                flush(&mut out, &mut current);
            }
            ("li", false) => {
                flush(&mut out, &mut current);
                match ordered.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        current.push_str(&format!("{n}. "));
                    }
                    _ => current.push_str("• "),
                }
            }
            ("br", _) | ("p" | "li" | "h3" | "h4" | "blockquote", true) => flush(&mut out, &mut current),
            ("p" | "h3" | "h4" | "blockquote", false) => flush(&mut out, &mut current),
            _ => {}
        }
    }
    current.push_str(&decode(rest));
    flush(&mut out, &mut current);
    out
}

fn flush(out: &mut Vec<String>, current: &mut String) {
    let text = current.trim();
    if !text.is_empty() && text != "•" {
        out.push(text.to_owned());
    }
    current.clear();
}

/// Decodes the entities a sanitizer writes (`&amp;` `&lt;` `&gt;` `&quot;` `&#39;` `&nbsp;` and
/// numeric ones); an unknown one stays as written.
fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // by bytes: a `;` is ASCII, so its index is a char boundary even amid Chinese text
        let Some(semi) = rest.as_bytes().iter().take(12).position(|b| *b == b';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let ch = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unclosed_formatting_stays_linear_and_markup_in_text_is_escaped() {
        // a tree builder re-opened every <b> at each <li>: K × M elements from K + M tags
        let crafted = format!("<ul><li>{}{}", "<b a=1>".repeat(400), "<li> ".repeat(400));
        let clean = sanitize(&crafted);
        assert!(clean.len() < crafted.len() * 2, "{} bytes from {}", clean.len(), crafted.len());
        assert_eq!(
            sanitize("<p>1 < 2 & 3 > 2</p><!-- x --><STYLE>p{}</style><b>粗"),
            "<p>1 &lt; 2 &amp; 3 &gt; 2</p><b>粗</b>"
        );
        assert_eq!(sanitize("<p>a</b>b</p></li>"), "<p>ab</p>");
        assert_eq!(sanitize("<p title=\"x>y\">t"), "<p>y&quot;&gt;t</p>");
        assert_eq!(sanitize("&lt;script&gt;alert(1)&lt;/script&gt;"), "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(sanitize("<scr<script>ipt>alert(1)</script>"), "ipt&gt;alert(1)");
    }

    #[test]
    fn scripts_attributes_and_unknown_tags_are_removed_and_formatting_kept() {
        let dirty = r#"<p onclick="x()">一<strong>二</strong><script>alert(1)</script><img src=x onerror=alert(1)></p><a href="javascript:1">链</a><ul><li style="color:red">甲</li></ul>"#;
        let clean = sanitize(dirty);
        assert_eq!(clean, "<p>一<strong>二</strong></p>链<ul><li>甲</li></ul>");
    }

    #[test]
    fn paragraphs_read_blocks_lists_and_entities() {
        let html = "<h3>成效</h3><p>覆盖 12 个县&amp;区<br>受益 3&nbsp;000 人</p><ol><li>产业</li><li>就业</li></ol><ul><li>教育</li></ul>尾";
        assert_eq!(
            paragraphs(html),
            vec!["成效", "覆盖 12 个县&区", "受益 3 000 人", "1. 产业", "2. 就业", "• 教育", "尾"]
        );
        assert_eq!(visible_len("<p>一二</p><p>三</p>"), 3);
        assert_eq!(paragraphs("a < b &unknown; &#x4e00;"), vec!["a < b &unknown; 一"]);
    }
}
