//! The footer of every page, the accessibility statement and the operator's pages: open
//! to everyone, signed in or not.

use crate::both_databases;
use crate::common::{Backend, TestApp};

async fn every_page_links_the_statement_imprint_and_privacy(backend: Backend) {
    let app = TestApp::start(backend).await;
    let anonymous = app.client();
    let kiel = app.signed_in("aa-kiel").await;
    for (client, path) in [
        (&anonymous, "/anmelden"),
        (&anonymous, "/barrierefreiheit"),
        (&anonymous, "/gibt-es-nicht"),
        (&kiel, "/"),
        (&kiel, "/auftraege"),
    ] {
        let html = client.get(path).await.text().await.unwrap();
        for link in [
            r#"href="/barrierefreiheit""#,
            r#"href="/impressum""#,
            r#"href="/datenschutz""#,
        ] {
            assert!(html.contains(link), "{path}: {link}");
        }
    }
    for (path, target) in [
        ("/impressum", "https://www.arbeitsagentur.de/impressum"),
        (
            "/datenschutz",
            "https://www.arbeitsagentur.de/datenschutz-online",
        ),
    ] {
        let res = anonymous.get(path).await;
        assert_eq!(res.status(), 303, "{path}");
        assert_eq!(res.headers()["location"], target, "{path}");
    }
}

async fn the_accessibility_statement_is_public_and_names_status_limits_and_contact(
    backend: Backend,
) {
    let app = TestApp::start(backend).await;
    let res = app.client().get("/barrierefreiheit").await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    for part in [
        "Erklärung zur Barrierefreiheit",
        "teilweise vereinbar",
        "Nicht barrierefreie Inhalte",
        "Barrieren melden",
        "Schlichtungsstelle nach § 16 BGG",
        // No contact configured: the statement says so instead of inventing one.
        "noch nicht eingetragen",
        "Bundesagentur für Arbeit",
    ] {
        assert!(html.contains(part), "{part}");
    }
    let (status, site) = app.client().call_json("betreiber", &[]).await;
    assert_eq!(status, 200);
    assert_eq!(site["operator"], "Bundesagentur für Arbeit");
    assert!(site["feedback_contact"].is_null(), "{site}");
}

async fn the_operator_names_itself_its_contact_and_its_pages(backend: Backend) {
    let site = app::site::SiteSettings {
        operator: "Regionaldirektion Test".into(),
        feedback_contact: Some("barrierefreiheit@example.org".into()),
        imprint_url: "https://example.org/impressum".into(),
        privacy_url: "https://example.org/datenschutz".into(),
    };
    let app = TestApp::start_with_site(backend, site).await;
    let c = app.client();
    let html = c.get("/barrierefreiheit").await.text().await.unwrap();
    assert!(html.contains("Regionaldirektion Test"), "{html}");
    assert!(
        !html.contains("Bundesagentur für Arbeit ist"),
        "only the operator is named"
    );
    assert!(html.contains(r#"href="mailto:barrierefreiheit@example.org""#));
    assert!(!html.contains("noch nicht eingetragen"));
    let res = c.get("/impressum").await;
    assert_eq!(res.headers()["location"], "https://example.org/impressum");
    let res = c.get("/datenschutz").await;
    assert_eq!(res.headers()["location"], "https://example.org/datenschutz");
}

both_databases!(
    the_operator_names_itself_its_contact_and_its_pages,
    every_page_links_the_statement_imprint_and_privacy,
    the_accessibility_statement_is_public_and_names_status_limits_and_contact,
);
