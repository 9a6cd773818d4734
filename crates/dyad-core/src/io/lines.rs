//! Line and column numbers of a byte offset in a text, the way an editor counts them: for LF,
//! CRLF and CR-only line ends alike.

/// Byte offset → (line, column), both 1-based; columns count characters.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Finds where each line of `text` starts (after `\n`, `\r\n` or a lone `\r`).
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
                .map(|(i, _)| i + 1),
        );
        LineIndex { text, starts }
    }

    /// The 1-based line and character column of a byte offset.
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let byte = byte.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= byte);
        let start = self.starts[line - 1];
        let col = self
            .text
            .get(start..byte)
            .map(|s| s.chars().count())
            .unwrap_or(byte - start)
            + 1;
        (line, col)
    }
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    #[test]
    fn lf_crlf_and_cr_only_lines_are_counted_alike() {
        for text in ["ab\ncé,x\nz", "ab\r\ncé,x\r\nz", "ab\rcé,x\rz"] {
            let idx = LineIndex::new(text);
            let x = text.find('x').unwrap();
            let z = text.find('z').unwrap();
            assert_eq!(idx.line_col(0), (1, 1), "{text:?}");
            assert_eq!(idx.line_col(x), (2, 4), "{text:?}");
            assert_eq!(idx.line_col(z), (3, 1), "{text:?}");
        }
    }
}
