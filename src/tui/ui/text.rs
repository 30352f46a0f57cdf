//! Card text as terminal lines: control characters made inert, light Markdown shown plainly.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use recall::text::inert;

use crate::tui::theme::Theme;

/// Splits card text into lines, rendering `code`, **strong** and *emphasis* with styles
/// instead of showing their markers. Every character passes through `inert` first.
pub fn card_lines(text: &str, base: Style, theme: Theme) -> Vec<Line<'static>> {
    inert(text)
        .split('\n')
        .map(|line| Line::from(spans(line, base, theme)))
        .collect()
}

fn spans(line: &str, base: Style, theme: Theme) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut rest = line;
    while !rest.is_empty() {
        let next = [
            ("`", theme.code()),
            ("**", theme.strong()),
            ("*", theme.emphasis()),
        ]
        .into_iter()
        .filter_map(|(mark, style)| {
            let start = rest.find(mark)?;
            let len = rest[start + mark.len()..].find(mark)?;
            (len > 0).then_some((start, mark, len, style))
        })
        .min_by_key(|&(start, mark, ..)| (start, usize::MAX - mark.len()));
        let Some((start, mark, len, style)) = next else {
            out.push(Span::styled(rest.to_string(), base));
            break;
        };
        if start > 0 {
            out.push(Span::styled(rest[..start].to_string(), base));
        }
        let inner = &rest[start + mark.len()..start + mark.len() + len];
        out.push(Span::styled(inner.to_string(), base.patch(style)));
        rest = &rest[start + 2 * mark.len() + len..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn markers_are_hidden_and_styled() {
        let t = Theme::new(true);
        let lines = card_lines(
            "Use `aws s3 cp` for **big** *files*\nline 2",
            Style::new(),
            t,
        );
        assert_eq!(plain(&lines), ["Use aws s3 cp for big files", "line 2"]);
        assert_eq!(lines[0].spans[1].style, t.code());
    }

    #[test]
    fn unmatched_markers_stay() {
        let lines = card_lines("2 * 3 and a `tick", Style::new(), Theme::new(false));
        assert_eq!(plain(&lines), ["2 * 3 and a `tick"]);
    }

    #[test]
    fn escapes_are_inert() {
        let lines = card_lines("\x1b[2Jboom", Style::new(), Theme::new(false));
        assert_eq!(plain(&lines), ["␛[2Jboom"]);
    }
}
