//! What the operator of an installation sets about itself (KT_OPERATOR_NAME and the
//! others, read by `serve`), and what the accessibility statement says.

use serde::{Deserialize, Serialize};

/// The operator's settings that pages show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteSettings {
    /// Who runs this installation (KT_OPERATOR_NAME).
    pub operator: String,
    /// Where barriers are reported (KT_FEEDBACK_CONTACT): an e-mail address or a web
    /// address; None until the operator sets it.
    pub feedback_contact: Option<String>,
    /// The operator's Impressum and Datenschutzerklärung (KT_IMPRINT_URL, KT_PRIVACY_URL).
    pub imprint_url: String,
    pub privacy_url: String,
}

impl Default for SiteSettings {
    fn default() -> Self {
        SiteSettings {
            operator: "Bundesagentur für Arbeit".into(),
            feedback_contact: None,
            imprint_url: "https://www.arbeitsagentur.de/impressum".into(),
            privacy_url: "https://www.arbeitsagentur.de/datenschutz-online".into(),
        }
    }
}

/// How a feedback contact is linked: `mailto:` for an address, the address itself for a
/// web page; None for anything else (never a `javascript:` link).
pub fn contact_href(contact: &str) -> Option<String> {
    let c = contact.trim();
    if c.starts_with("https://") || c.starts_with("http://") {
        return Some(c.to_string());
    }
    let looks_like_mail = c.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && domain.contains('.') && !c.contains(char::is_whitespace)
    });
    looks_like_mail.then(|| format!("mailto:{c}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_become_mail_or_web_links_and_nothing_else() {
        assert_eq!(
            contact_href(" barrierefreiheit@arbeitsagentur.de ").as_deref(),
            Some("mailto:barrierefreiheit@arbeitsagentur.de")
        );
        assert_eq!(
            contact_href("https://www.arbeitsagentur.de/kontakt").as_deref(),
            Some("https://www.arbeitsagentur.de/kontakt")
        );
        for bad in ["javascript:alert(1)", "Frau Müller, Zimmer 3", "a@b", ""] {
            assert_eq!(contact_href(bad), None, "{bad}");
        }
    }
}
