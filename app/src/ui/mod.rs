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

#[cfg(test)]
mod tests {
    #[test]
    fn decodes_percent_encoded_utf8() {
        assert_eq!(super::decode_param("%C3%84A-2026-000001"), "ÄA-2026-000001");
        assert_eq!(super::decode_param("ÄA-2026-000001"), "ÄA-2026-000001");
        assert_eq!(super::decode_param("100%"), "100%");
    }
}
