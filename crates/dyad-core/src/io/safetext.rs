//! Text from files must never drive the terminal it is shown on. These helpers find and remove
//! what could: control characters (C0 and C1), whole terminal escape sequences (CSI, OSC and the
//! like, so no `[31m` debris is left behind), and the Unicode bidirectional formatting characters
//! that can make text display in another order than it reads ("Trojan Source").

pub use crate::error::{is_bidi_control, is_unsafe};

/// Whether the text holds anything [`strip`] would remove or change.
pub fn has_unsafe(s: &str) -> bool {
    // Printable ASCII, the common case, is safe byte by byte.
    !s.bytes().all(|b| (0x20..0x7f).contains(&b)) && s.chars().any(is_unsafe)
}

/// Removes escape sequences, control characters and bidirectional controls; tabs and line
/// breaks become spaces, so words on either side stay apart.
pub fn strip(s: &str) -> String {
    if !has_unsafe(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // A single-character CSI (C1): parameters and a final byte follow.
            '\u{9b}' => skip_csi(&mut chars),
            // OSC, DCS, SOS, PM, APC (C1): a string up to a terminator follows.
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\t' | '\n' | '\r' => out.push(' '),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    out
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// After ESC: CSI (`[`), string sequences (`]`, `P`, `X`, `^`, `_`), or one more character.
fn skip_escape(chars: &mut Chars) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        // Intermediate bytes, then one final byte (for example `ESC ( B`).
        Some(_) => {
            while chars.next_if(|c| (' '..='/').contains(c)).is_some() {}
            chars.next_if(|c| ('0'..='~').contains(c));
        }
        None => {}
    }
}

/// CSI parameters and intermediates (0x20–0x3F), then a final byte (0x40–0x7E).
fn skip_csi(chars: &mut Chars) {
    while chars.next_if(|c| (' '..='?').contains(c)).is_some() {}
    chars.next_if(|c| ('@'..='~').contains(c));
}

/// Everything up to BEL, ST (ESC `\` or U+009C), or the end of the text.
fn skip_string(chars: &mut Chars) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                chars.next_if_eq(&'\\');
                return;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_removed_whole() {
        assert_eq!(strip("a\u{1b}[2Jb"), "ab");
        assert_eq!(strip("\u{1b}[1;31mred\u{1b}[0m"), "red");
        assert_eq!(strip("x\u{1b}]0;title\u{7}y"), "xy");
        assert_eq!(
            strip("x\u{1b}]8;;http://e.x\u{1b}\\link\u{1b}]8;;\u{1b}\\"),
            "xlink"
        );
        assert_eq!(strip("a\u{9b}31mb"), "ab");
        assert_eq!(strip("\u{1b}(Bplain"), "plain");
        assert_eq!(strip("end\u{1b}"), "end");
    }

    #[test]
    fn controls_and_bidi_are_removed_breaks_become_spaces() {
        assert_eq!(strip("a\u{0}b\u{7f}c"), "abc");
        assert_eq!(strip("two\nlines\r\nand\ttab"), "two lines  and tab");
        assert_eq!(strip("abc\u{202E}fed"), "abcfed");
        assert!(has_unsafe("x\u{2066}") && has_unsafe("\u{1b}") && !has_unsafe("café"));
    }
}
