//! Shared components: page layout, error display, form fields, dates.

pub mod errors;
pub mod form;
pub mod layout;
pub mod table;

/// Percent-decodes a path parameter: the client router hands over "%C3%84A-…" where the
/// server hands over "ÄA-…".
pub fn decode_param(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push(h * 16 + l);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| raw.to_string())
}

/// Percent-encodes a path parameter: everything but unreserved characters and '@'.
pub fn encode_param(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for b in raw.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'@' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn encodes_what_a_path_segment_cannot_carry() {
        assert_eq!(
            super::encode_param("kiel.eingangszone@arbeitsagentur.de"),
            "kiel.eingangszone@arbeitsagentur.de"
        );
        assert_eq!(super::encode_param("a/b ü"), "a%2Fb%20%C3%BC");
        assert_eq!(super::decode_param(&super::encode_param("a/b ü")), "a/b ü");
    }

    #[test]
    fn decodes_percent_encoded_utf8() {
        assert_eq!(super::decode_param("%C3%84A-2026-000001"), "ÄA-2026-000001");
        assert_eq!(super::decode_param("ÄA-2026-000001"), "ÄA-2026-000001");
        assert_eq!(super::decode_param("100%"), "100%");
    }
}
