//! Services are callable on their own: a test builds the `Ctx` a request would, and the
//! service authorises, validates and audits with it alone (no web request, no Leptos).

use crate::both_databases;
use crate::common::{Backend, TestApp};
use app::error::AppError;
use app::services::context::{Caller, Ctx};
use app::services::orders::{create_draft, transition, DraftInput};

both_databases!(a_service_takes_who_and_where_from_its_context);

fn draft(agency: &str) -> DraftInput<'_> {
    DraftInput {
        agency_code: agency,
        justification: "Neuer Zuschnitt der Teams im Eingangsbereich.",
        effective_date: "31.12.2099",
        ..Default::default()
    }
}

async fn a_service_takes_who_and_where_from_its_context(backend: Backend) {
    let app = TestApp::start(backend).await;

    let kiel = app.ctx_for("aa-kiel", "dienst-1").await;
    let number = create_draft(&kiel, draft("kiel")).await.expect("filed");
    let audit = app::db::audit::recent(&app.db, 5).await.unwrap();
    let filed = audit
        .iter()
        .find(|a| a.object == format!("auftrag:{number}"))
        .expect("the filing is audited");
    assert_eq!(
        (
            filed.actor_name.as_str(),
            filed.request_id.as_str(),
            filed.client.as_str()
        ),
        ("aa-kiel", "dienst-1", "intern")
    );
    // The order rules run as for a page: an order without items cannot be submitted.
    let empty = transition(&kiel, &number, 1, app::domain::order::Action::Submit, "").await;
    assert!(
        matches!(&empty, Err(AppError::Conflict(m)) if m.contains("ohne Positionen")),
        "{empty:?}"
    );

    // The policy decides with the context's user: a reviewer files nothing, and the
    // refusal is audited under the context's request id.
    let reviewer = app.ctx_for("rd-nord", "dienst-2").await;
    let refused = create_draft(&reviewer, draft("kiel")).await;
    assert!(matches!(refused, Err(AppError::Forbidden)), "{refused:?}");
    let audit = app::db::audit::recent(&app.db, 1).await.unwrap();
    assert_eq!(
        (
            audit[0].action.as_str(),
            audit[0].outcome.as_str(),
            audit[0].request_id.as_str()
        ),
        ("zugriff", "verweigert", "dienst-2")
    );

    // Without a user there is no service: never signed in, or the session ended.
    for (caller, expected) in [
        (Caller::Anonymous, "NotAuthenticated"),
        (Caller::Expired, "SessionExpired"),
    ] {
        let ctx = Ctx::new(
            app.state.clone(),
            "dienst-3".into(),
            "intern".into(),
            caller,
        );
        let err = create_draft(&ctx, draft("kiel")).await.unwrap_err();
        assert_eq!(format!("{err:?}"), expected);
    }
}
