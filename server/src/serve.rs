//! Starting the HTTP server: configuration from the environment, graceful shutdown.

use crate::seed::anyhow_like::Result;
use app::db::sessions::{session_db, SessionStoreAny};
use app::db::Db;
use app::domain::fields::MailDomains;
use app::services::password::PasswordHasher;
use app::services::AppState;
use leptos::config::{get_configuration, LeptosOptions};
use std::net::SocketAddr;
use tower_sessions::session_store::ExpiredDeletion;
use tracing_subscriber::EnvFilter;

/// Logs: RUST_LOG (default "info"); KT_LOG_FORMAT=json for structured output.
pub fn init_tracing() {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if std::env::var("KT_LOG_FORMAT").as_deref() == Ok("json") {
        builder.json().init();
    } else {
        builder.init();
    }
}

/// Whether the app is served over HTTPS (Secure + __Host- cookies, HSTS), from KT_HTTPS
/// and KT_PUBLIC_URL (see `https_setting`).
pub fn https_from_env() -> Result<bool> {
    let https = std::env::var("KT_HTTPS").ok();
    let public_url = std::env::var("KT_PUBLIC_URL").ok();
    Ok(https_setting(https.as_deref(), public_url.as_deref())?)
}

/// HTTPS is on when KT_HTTPS says so, and when it is unset and the public address users
/// open is an https address – a forgotten setting must not send session cookies without
/// `Secure`. An explicit KT_HTTPS=false beside an https public address is a contradiction
/// and is refused.
pub fn https_setting(
    https: Option<&str>,
    public_url: Option<&str>,
) -> std::result::Result<bool, String> {
    let explicit = match https.map(str::trim).filter(|v| !v.is_empty()) {
        None => None,
        Some("1" | "true" | "ja") => Some(true),
        Some("0" | "false" | "nein") => Some(false),
        Some(other) => {
            return Err(format!(
                "KT_HTTPS muss true oder false sein, nicht „{other}“."
            ))
        }
    };
    let public_https = public_url.is_some_and(|u| {
        u.trim()
            .get(..8)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
    });
    match (explicit, public_https) {
        (Some(false), true) => Err(
            "KT_PUBLIC_URL ist eine https-Adresse, aber KT_HTTPS=false: Sitzungs-Cookies gingen \
             ohne Secure hinaus und HSTS fehlte. Entfernen Sie KT_HTTPS oder setzen Sie es auf true."
                .into(),
        ),
        (Some(on), _) => Ok(on),
        (None, public_https) => Ok(public_https),
    }
}

/// The operator's settings the pages show: KT_OPERATOR_NAME, KT_FEEDBACK_CONTACT,
/// KT_IMPRINT_URL and KT_PRIVACY_URL (the two addresses must be http(s) addresses).
pub fn site_from_env() -> Result<app::site::SiteSettings> {
    let mut site = app::site::SiteSettings::default();
    let set = |name: &str| {
        std::env::var(name)
            .ok()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    if let Some(operator) = set("KT_OPERATOR_NAME") {
        site.operator = operator;
    }
    site.feedback_contact = set("KT_FEEDBACK_CONTACT");
    for (name, field) in [
        ("KT_IMPRINT_URL", &mut site.imprint_url),
        ("KT_PRIVACY_URL", &mut site.privacy_url),
    ] {
        if let Some(url) = set(name) {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(
                    format!("{name} muss eine http(s)-Adresse sein, nicht „{url}“.").into(),
                );
            }
            *field = url;
        }
    }
    Ok(site)
}

/// The site settings, with the output name fixed when built without cargo-leptos.
fn leptos_options() -> Result<LeptosOptions> {
    let mut options = get_configuration(None)?.leptos_options;
    if options.output_name.is_empty() {
        // Built without cargo-leptos (e.g. by `cargo test`): the site name is fixed.
        options.output_name = "konfigurationstool".into();
    }
    Ok(options)
}

fn pkg_dir(options: &LeptosOptions) -> std::path::PathBuf {
    std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref())
}

/// `konfigurationstool assets`: hashed, precompressed copies of the client's files.
pub fn prepare_assets() -> Result<()> {
    let options = leptos_options()?;
    let pkg = pkg_dir(&options);
    let release = crate::static_files::prepare(&pkg, &options.output_name).map_err(|e| {
        format!(
            "Die Dateien des Clients in {} lassen sich nicht vorbereiten: {e}",
            pkg.display()
        )
    })?;
    println!("{release}");
    Ok(())
}

pub async fn serve(db: Db) -> Result<()> {
    let mut leptos_options = leptos_options()?;
    // Pages link the hashed files if `assets` prepared them.
    leptos_options.output_name =
        crate::static_files::linked_name(&pkg_dir(&leptos_options), &leptos_options.output_name)
            .into();
    if let Ok(bind) = std::env::var("KT_BIND") {
        leptos_options.site_addr = bind.parse().map_err(|_| {
            format!("KT_BIND ist keine gültige Adresse: „{bind}“ (erwartet z. B. 127.0.0.1:3000).")
        })?;
    }
    let addr: SocketAddr = leptos_options.site_addr;
    let mail = crate::mail::MailConfig::from_env()?;
    let hasher = PasswordHasher::default();
    let https = https_from_env()?;
    crate::demo_accounts::check(&db, &hasher, https, crate::demo_accounts::demo_from_env()).await?;
    let sessions = session_db(&db).await?;
    let state = AppState {
        db: db.clone(),
        sessions: sessions.clone(),
        hasher,
        https,
        mail: mail.is_some(),
        cache: app::db::cache::Cache::from_env()?,
        mail_domains: MailDomains::from_setting(std::env::var("KT_MAIL_DOMAINS").ok().as_deref()),
        site: std::sync::Arc::new(site_from_env()?),
    };
    let settings = crate::router::Settings {
        limits: crate::api::limits::ApiLimits::from_env()?,
        metrics: crate::metrics::Metrics::from_env()?,
        trusted_proxies: crate::client_address::TrustedProxies::from_env()?,
        sessions: app::domain::session_limits::SessionLimits::from_settings(
            std::env::var("KT_SESSION_IDLE_MINUTES").ok().as_deref(),
            std::env::var("KT_SESSION_MAX_HOURS").ok().as_deref(),
        )?,
    };
    let app = crate::router::build_with(state, leptos_options, settings);

    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            format!("Die Adresse {addr} ist bereits belegt. Beenden Sie den anderen Prozess oder setzen Sie KT_BIND.")
        } else {
            format!("Der Server kann nicht an {addr} gebunden werden: {e}")
        }
    })?;

    let cleanup = tokio::spawn(
        SessionStoreAny::new(sessions.clone())
            .continuously_delete_expired(tokio::time::Duration::from_secs(600)),
    );
    let sender = mail.clone().map(|config| {
        tracing::info!(host = %config.host, port = config.port, "E-Mail-Versand eingeschaltet");
        crate::mail::spawn_sender(db.clone(), config)
    });
    let reminders = spawn_reminders(db.clone(), mail.is_some(), reminder_interval());
    tracing::info!(%addr, database = db.backend_name(), "Konfigurationstool läuft");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    cleanup.abort();
    reminders.abort();
    if let Some(sender) = sender {
        sender.abort();
    }
    db.close().await;
    sessions.close().await;
    tracing::info!("Server beendet");
    Ok(())
}

/// Runs the deadline reminders now and then every `every`.
fn spawn_reminders(db: Db, mail: bool, every: std::time::Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if let Err(e) =
                app::services::reminders::run(&db, mail, time::OffsetDateTime::now_utc()).await
            {
                tracing::error!(error = ?e, "Fristerinnerungen fehlgeschlagen");
            }
            tokio::time::sleep(every).await;
        }
    })
}

/// How often deadline reminders are checked: KT_REMINDER_INTERVAL_SECS, default hourly.
fn reminder_interval() -> std::time::Duration {
    let secs = std::env::var("KT_REMINDER_INTERVAL_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3600);
    std::time::Duration::from_secs(secs)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("Signal erhalten, beende laufende Anfragen …");
}

#[cfg(test)]
mod tests {
    use super::https_setting;

    #[test]
    fn an_https_public_address_turns_https_on_unless_set() {
        assert_eq!(https_setting(None, Some("https://kt.example.de")), Ok(true));
        assert_eq!(
            https_setting(Some(""), Some("HTTPS://kt.example.de/")),
            Ok(true)
        );
        assert_eq!(
            https_setting(None, Some("http://127.0.0.1:3000")),
            Ok(false)
        );
        assert_eq!(https_setting(None, None), Ok(false));
        assert_eq!(https_setting(Some("true"), None), Ok(true));
        assert_eq!(
            https_setting(Some("ja"), Some("http://intern:3000")),
            Ok(true)
        );
        assert_eq!(
            https_setting(Some("false"), Some("http://127.0.0.1:3000")),
            Ok(false)
        );
    }

    #[test]
    fn explicit_false_beside_an_https_address_is_refused() {
        let err = https_setting(Some("false"), Some("https://kt.example.de")).unwrap_err();
        assert!(err.contains("KT_HTTPS=false"), "{err}");
        let err = https_setting(Some("vielleicht"), None).unwrap_err();
        assert!(err.contains("true oder false"), "{err}");
    }
}
