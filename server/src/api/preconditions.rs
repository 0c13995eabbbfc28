//! Optimistic concurrency the HTTP way: every order carries its revision as `ETag`;
//! every change names the revision it was made against in `If-Match`. Missing → 428,
//! stale → 412. (The forms send the same revision in a hidden field.)

use super::problem;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;

/// `"7"` for revision 7.
pub fn etag(revision: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{revision}\"")).unwrap_or(HeaderValue::from_static("\"0\""))
}

/// What `If-Match` asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Precondition {
    /// The order must still be at this revision.
    Revision(i64),
    /// `*`: whatever the current revision is.
    Any,
}

pub fn stale() -> Response {
    problem::response(
        412,
        "Der Auftrag wurde inzwischen geändert: If-Match nennt nicht mehr seine Revision. Bitte lesen Sie ihn neu (ETag) und wiederholen Sie die Änderung.".into(),
        Vec::new(),
    )
}

/// The precondition of a change, or the problem: 428 without `If-Match`, 412 for a
/// value that cannot name a revision (a weak tag never matches, RFC 9110 13.1.1).
// The error is the response itself, returned at once by the handler.
#[allow(clippy::result_large_err)]
pub fn if_match(headers: &HeaderMap) -> Result<Precondition, Response> {
    let mut values = headers.get_all(header::IF_MATCH).iter();
    let (Some(value), None) = (values.next(), values.next()) else {
        return Err(problem::response(
            428,
            "Änderungen brauchen den Header If-Match mit dem ETag des Auftrags (aus GET /api/v1/auftraege/{nummer}).".into(),
            Vec::new(),
        ));
    };
    let text = value.to_str().map(str::trim).unwrap_or("");
    if text == "*" {
        return Ok(Precondition::Any);
    }
    text.strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .and_then(|t| t.parse::<i64>().ok())
        .map(Precondition::Revision)
        .ok_or_else(stale)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(header::IF_MATCH, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn if_match_names_a_revision_or_any() {
        assert_eq!(
            if_match(&with(&["\"7\""])).unwrap(),
            Precondition::Revision(7)
        );
        assert_eq!(if_match(&with(&[" * "])).unwrap(), Precondition::Any);
        assert_eq!(etag(7), "\"7\"");
    }

    #[test]
    fn missing_weak_or_malformed_tags_are_refused() {
        assert_eq!(if_match(&with(&[])).unwrap_err().status(), 428);
        assert_eq!(
            if_match(&with(&["\"1\"", "\"2\""])).unwrap_err().status(),
            428
        );
        for bad in ["W/\"7\"", "7", "\"sieben\"", "\"7\", \"8\""] {
            assert_eq!(if_match(&with(&[bad])).unwrap_err().status(), 412, "{bad}");
        }
    }
}
