//! Text as the server accepts it: no control characters other than tab and line breaks.
//! A NUL would make PostgreSQL fail and others hide text from readers; every field of
//! every request is checked once, at the edge, before a handler sees it.

/// The message on a field that holds a forbidden control character.
pub const CONTROL_CHARACTER: &str =
    "Das Feld enthält ein unzulässiges Steuerzeichen; erlaubt sind nur Tabulator und Zeilenumbruch.";

/// Whether `text` holds a control character other than tab, line feed and carriage return.
pub fn has_forbidden_control(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// The first field (by name, as sent) whose name or value holds a forbidden control
/// character.
pub fn first_bad_field<'a, I, K, V>(pairs: I) -> Option<String>
where
    I: IntoIterator<Item = (K, V)>,
    K: AsRef<str> + 'a,
    V: AsRef<str> + 'a,
{
    pairs
        .into_iter()
        .find(|(k, v)| has_forbidden_control(k.as_ref()) || has_forbidden_control(v.as_ref()))
        .map(|(k, _)| {
            let name = k.as_ref();
            if has_forbidden_control(name) {
                name.chars().filter(|c| !c.is_control()).collect()
            } else {
                name.to_string()
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_and_line_breaks_pass_other_controls_do_not() {
        assert!(!has_forbidden_control("Zeile 1\r\nZeile 2\tTab"));
        assert!(!has_forbidden_control("Umlaute äöü und – Gedankenstrich"));
        for bad in ["\0", "a\u{7}b", "\u{1b}[31m", "\u{7f}", "\u{85}"] {
            assert!(has_forbidden_control(bad), "{bad:?}");
        }
    }

    #[test]
    fn the_field_is_named_as_sent() {
        let pairs = [("nummer", "ÄA-1"), ("begruendung", "a\0b"), ("x", "\0")];
        assert_eq!(first_bad_field(pairs), Some("begruendung".to_string()));
        assert_eq!(first_bad_field([("ok", "fine")]), None);
        assert_eq!(first_bad_field([("na\0me", "v")]), Some("name".to_string()));
    }
}
