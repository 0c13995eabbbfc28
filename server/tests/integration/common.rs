//! Test harness: a real server on a free port against a real database — an SQLite file
//! in a temp dir, or a fresh database on PostgreSQL (KT_TEST_DATABASE_URL, else the
//! local server). Never skipped: without PostgreSQL the PostgreSQL tests fail and say why.
#![allow(dead_code)]

use app::db::cache::Cache;
use app::db::Db;
use app::domain::fields::MailDomains;
use app::domain::session_limits::SessionLimits;
use app::services::password::PasswordHasher;
use app::services::AppState;
use leptos::config::LeptosOptions;
use reqwest::redirect::Policy;
use serde_json::Value;
use server::api::limits::ApiLimits;
use server::client_address::TrustedProxies;
use std::net::SocketAddr;

pub use server::seed::DEMO_PASSWORD;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub const LOCAL_PG: &str = "postgres://kt_test:kt_test@127.0.0.1:5432/postgres";

/// URL of the PostgreSQL server the tests use.
pub fn pg_admin_url() -> String {
    std::env::var("KT_TEST_DATABASE_URL").unwrap_or_else(|_| LOCAL_PG.to_string())
}

/// A database of the given backend for one test. A PostgreSQL database is dropped when
/// its test ends, however it ends; an SQLite file goes with its temp dir.
pub struct TestDb {
    pub url: String,
    pub db: Db,
    _dir: Option<tempfile::TempDir>,
    _pg: Option<PgDatabase>,
}

impl TestDb {
    /// A fresh, empty database.
    pub async fn new(backend: Backend) -> TestDb {
        match backend {
            Backend::Sqlite => Self::sqlite_copy_of(None).await,
            Backend::Postgres => Self::postgres_copy_of(None).await,
        }
    }

    /// A migrated, demo-seeded database: a copy of the one seeded template of this test
    /// run, so that each test does not seed the demo again (most of its time before).
    pub async fn seeded(backend: Backend) -> TestDb {
        match backend {
            Backend::Sqlite => Self::sqlite_copy_of(Some(template::sqlite().await)).await,
            Backend::Postgres => Self::postgres_copy_of(Some(template::postgres().await)).await,
        }
    }

    /// A new SQLite file in a temp dir: empty, or a copy of `template`.
    async fn sqlite_copy_of(template: Option<&std::path::Path>) -> TestDb {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("daten/test.db");
        if let Some(template) = template {
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::copy(template, &file).expect("Kopie der Vorlage");
        }
        let url = format!("sqlite://{}", file.display());
        let db = Db::connect(&url).await.expect("SQLite-Testdatenbank");
        TestDb {
            url,
            db,
            _dir: Some(dir),
            _pg: None,
        }
    }

    /// A new database on the test server: empty, or a copy of `template`.
    async fn postgres_copy_of(template: Option<&str>) -> TestDb {
        let name = format!("kt_test_{}", uuid::Uuid::new_v4().simple());
        let sql = match template {
            Some(template) => format!("CREATE DATABASE {name} TEMPLATE {template}"),
            None => format!("CREATE DATABASE {name}"),
        };
        pg_admin(&sql).await;
        // From here on the database is dropped however the test ends.
        let guard = PgDatabase(name.clone());
        let url = pg_url(&name);
        let db = Db::connect(&url).await.unwrap();
        TestDb {
            url,
            db,
            _dir: None,
            _pg: Some(guard),
        }
    }
}

/// A test database on the PostgreSQL server, dropped when this goes.
struct PgDatabase(String);

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let name = self.0.clone();
        // Drop runs inside the test's runtime, which cannot be blocked on: the database
        // is dropped from a thread of its own (FORCE ends the server's connections).
        let dropped = std::thread::spawn(move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap()
                .block_on(pg_admin(&format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
        })
        .join();
        // A failed test is already unwinding: a second panic would abort the whole run.
        if dropped.is_err() && !std::thread::panicking() {
            panic!("Testdatenbank {} wurde nicht gelöscht", self.0);
        }
    }
}

/// Runs one statement on the test server's maintenance database.
async fn pg_admin(sql: &str) {
    let admin_url = pg_admin_url();
    let admin = Db::connect(&admin_url).await.unwrap_or_else(|e| {
        panic!(
            "PostgreSQL nicht erreichbar ({e}) unter {}. Setzen Sie KT_TEST_DATABASE_URL \
             oder starten Sie die Tests mit .ci/test, das einen Wegwerf-Cluster startet.",
            app::db::redact(&admin_url)
        )
    });
    let Db::Postgres(pool) = &admin else {
        unreachable!()
    };
    sqlx::query(sql)
        .execute(pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    admin.close().await;
}

/// The URL of database `name` on the test server.
fn pg_url(name: &str) -> String {
    let admin_url = pg_admin_url();
    let (base, _) = admin_url.rsplit_once('/').unwrap();
    format!("{base}/{name}")
}

/// The seeded templates, one per backend and test run, made by the first test that needs
/// one. A template is migrated and seeded exactly as a test database was before.
mod template {
    use super::*;
    use tokio::sync::OnceCell;

    static SQLITE: OnceCell<std::path::PathBuf> = OnceCell::const_new();
    static POSTGRES: OnceCell<String> = OnceCell::const_new();

    /// Everything of this run lives under a name with this process's id; what earlier
    /// runs left (a test process killed before it could clean up) is removed first.
    fn run_tag() -> String {
        format!("kt_vorlage_{}", std::process::id())
    }

    fn left_by_dead_run(name: &str) -> bool {
        name.strip_prefix("kt_vorlage_")
            .and_then(|pid| pid.parse::<u32>().ok())
            .is_some_and(|pid| {
                pid != std::process::id() && !std::path::Path::new(&format!("/proc/{pid}")).exists()
            })
    }

    async fn migrate_and_seed(db: &Db) {
        db.migrate().await.expect("Migrationen");
        server::seed::seed_demo(db, &PasswordHasher::new(2))
            .await
            .expect("Demodaten");
    }

    pub async fn sqlite() -> &'static std::path::Path {
        SQLITE
            .get_or_init(|| async {
                let root = std::env::temp_dir();
                for entry in std::fs::read_dir(&root).unwrap().flatten() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if left_by_dead_run(&name) {
                        let _ = std::fs::remove_dir_all(entry.path());
                    }
                }
                let dir = root.join(run_tag());
                let _ = std::fs::remove_dir_all(&dir);
                std::fs::create_dir_all(&dir).unwrap();
                let file = dir.join("vorlage.db");
                let db = Db::connect(&format!("sqlite://{}", file.display()))
                    .await
                    .expect("SQLite-Vorlage");
                migrate_and_seed(&db).await;
                let Db::Sqlite(pool) = &db else {
                    unreachable!()
                };
                // Everything into the main file, so that copying that file is enough.
                sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                    .execute(pool)
                    .await
                    .unwrap();
                db.close().await;
                file
            })
            .await
    }

    pub async fn postgres() -> &'static str {
        POSTGRES
            .get_or_init(|| async {
                let admin = Db::connect(&pg_admin_url()).await.expect("PostgreSQL");
                let Db::Postgres(pool) = &admin else {
                    unreachable!()
                };
                let names: Vec<String> = sqlx::query_scalar(
                    "SELECT datname FROM pg_database WHERE datname LIKE 'kt_vorlage_%'",
                )
                .fetch_all(pool)
                .await
                .unwrap();
                admin.close().await;
                for name in names.iter().filter(|n| left_by_dead_run(n)) {
                    pg_admin(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
                }
                let name = run_tag();
                pg_admin(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
                pg_admin(&format!("CREATE DATABASE {name}")).await;
                let db = Db::connect(&pg_url(&name)).await.unwrap();
                migrate_and_seed(&db).await;
                // A template must have no connections while it is copied.
                db.close().await;
                name
            })
            .await
    }
}

/// A migrated, demo-seeded database and a server in front of it.
pub struct TestApp {
    pub base: String,
    pub db: Db,
    /// Where the sessions live: the database itself on PostgreSQL, a file beside it on
    /// SQLite.
    pub sessions: Db,
    pub test_db: TestDb,
    /// What the server runs with, for calling services directly.
    pub state: AppState,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// What a test server's configuration differs in from the defaults.
#[derive(Default)]
struct Settings {
    https: bool,
    mail: bool,
    limits: ApiLimits,
    cache: Cache,
    mail_domains: MailDomains,
    site: app::site::SiteSettings,
    metrics: server::metrics::Metrics,
    trusted_proxies: TrustedProxies,
    sessions: SessionLimits,
}

impl TestApp {
    pub async fn start(backend: Backend) -> TestApp {
        Self::launch(backend, Settings::default()).await
    }

    /// `https`: as if served behind TLS (KT_HTTPS=true).
    pub async fn start_with(backend: Backend, https: bool) -> TestApp {
        Self::launch(
            backend,
            Settings {
                https,
                ..Default::default()
            },
        )
        .await
    }

    /// With this short memory of sessions and users (KT_CACHE_SECONDS).
    pub async fn start_with_cache(backend: Backend, cache: Cache) -> TestApp {
        Self::launch(
            backend,
            Settings {
                cache,
                ..Default::default()
            },
        )
        .await
    }

    /// A second server instance on the same database with its own short memory `cache`,
    /// as another process behind a load balancer: its base URL.
    pub async fn another_instance(&self, cache: Cache) -> String {
        let state = AppState {
            cache,
            ..self.state.clone()
        };
        let options = LeptosOptions::builder()
            .output_name("konfigurationstool")
            .build();
        serve_router(server::router::build_with(
            state,
            options,
            Default::default(),
        ))
        .await
    }

    /// With /metrics behind `token` (KT_METRICS_TOKEN).
    pub async fn start_with_metrics(backend: Backend, token: &str) -> TestApp {
        Self::launch(
            backend,
            Settings {
                metrics: server::metrics::Metrics::new(Some(token)),
                ..Default::default()
            },
        )
        .await
    }

    /// With the short memory of sessions and users off (KT_CACHE_SECONDS=0).
    pub async fn start_uncached(backend: Backend) -> TestApp {
        Self::start_with_cache(backend, Cache::new(std::time::Duration::ZERO)).await
    }

    /// Behind reverse proxies at `setting` (KT_TRUSTED_PROXIES).
    pub async fn start_behind_proxies(backend: Backend, setting: &str) -> TestApp {
        Self::launch(
            backend,
            Settings {
                trusted_proxies: TrustedProxies::parse(setting).expect("valid setting"),
                ..Default::default()
            },
        )
        .await
    }

    /// With sessions that end after `idle` without a request and `absolute` after
    /// sign-in (shortened as KT_SESSION_IDLE_MINUTES / KT_SESSION_MAX_HOURS do).
    pub async fn start_with_session_limits(
        backend: Backend,
        idle: std::time::Duration,
        absolute: std::time::Duration,
    ) -> TestApp {
        let limits = SessionLimits::new(idle.try_into().unwrap(), absolute.try_into().unwrap());
        Self::launch(
            backend,
            Settings {
                sessions: limits.expect("valid limits"),
                ..Default::default()
            },
        )
        .await
    }

    /// With the API's rate limit given.
    pub async fn start_limited(backend: Backend, limits: ApiLimits) -> TestApp {
        Self::launch(
            backend,
            Settings {
                limits,
                ..Default::default()
            },
        )
        .await
    }

    /// With e-mail switched on: notifications are also queued in the outbox (the test
    /// starts the senders it needs).
    pub async fn start_mailing(backend: Backend) -> TestApp {
        Self::launch(
            backend,
            Settings {
                mail: true,
                ..Default::default()
            },
        )
        .await
    }

    /// With KT_MAIL_DOMAINS set to `setting`.
    pub async fn start_with_mail_domains(backend: Backend, setting: &str) -> TestApp {
        let mail_domains = MailDomains::from_setting(Some(setting));
        Self::launch(
            backend,
            Settings {
                mail_domains,
                ..Default::default()
            },
        )
        .await
    }

    /// With the operator's settings (KT_OPERATOR_NAME, KT_FEEDBACK_CONTACT, …).
    pub async fn start_with_site(backend: Backend, site: app::site::SiteSettings) -> TestApp {
        Self::launch(
            backend,
            Settings {
                site,
                ..Default::default()
            },
        )
        .await
    }

    async fn launch(backend: Backend, settings: Settings) -> TestApp {
        Self::serve(TestDb::seeded(backend).await, settings).await
    }

    /// A server on `test_db` as it is (for an installation without the demo).
    pub async fn start_on(test_db: TestDb) -> TestApp {
        Self::serve(test_db, Settings::default()).await
    }

    async fn serve(test_db: TestDb, settings: Settings) -> TestApp {
        log_when_asked();
        let db = test_db.db.clone();
        let Settings {
            https,
            mail,
            limits,
            cache,
            mail_domains,
            site,
            metrics,
            trusted_proxies,
            sessions: session_limits,
        } = settings;
        let sessions = app::db::sessions::session_db(&db)
            .await
            .expect("Sitzungsdatenbank");
        let state = AppState {
            db: db.clone(),
            sessions: sessions.clone(),
            hasher: PasswordHasher::new(2),
            https,
            mail,
            cache,
            mail_domains,
            site: std::sync::Arc::new(site),
        };
        let options = LeptosOptions::builder()
            .output_name("konfigurationstool")
            .build();
        let settings = server::router::Settings {
            limits,
            metrics,
            trusted_proxies,
            sessions: session_limits,
        };
        let router = server::router::build_with(state.clone(), options, settings);
        let (base, server) = spawn_router(router).await;
        TestApp {
            base,
            db,
            sessions,
            test_db,
            state,
            server,
        }
    }

    /// The context a request of `username` would give the services, without a request.
    pub async fn ctx_for(&self, username: &str, request_id: &str) -> app::services::context::Ctx {
        use axum_login::AuthnBackend;
        let row = app::db::users::find_by_username(&self.db, username)
            .await
            .unwrap()
            .expect("user exists");
        let s = &self.state;
        let backend = app::auth::backend::Backend::new(s.db.clone(), s.hasher.clone(), &s.cache);
        let user = backend
            .get_user(&row.id)
            .await
            .unwrap()
            .expect("user loads");
        app::services::context::Ctx::signed_in(self.state.clone(), user, request_id)
    }

    /// A browser-like client with its own cookie jar that does not follow redirects.
    pub fn client(&self) -> Client {
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        Client {
            base: self.base.clone(),
            http: reqwest::Client::builder()
                .cookie_provider(jar.clone())
                .redirect(Policy::none())
                .build()
                .unwrap(),
            jar,
        }
    }

    /// A client whose every request says it was forwarded for `address`, as a reverse
    /// proxy (or somebody pretending to be one) writes it.
    pub fn client_forwarded_for(&self, address: &str) -> Client {
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("x-forwarded-for", address.parse().unwrap());
        Client {
            base: self.base.clone(),
            http: reqwest::Client::builder()
                .cookie_provider(jar.clone())
                .redirect(Policy::none())
                .default_headers(headers)
                .build()
                .unwrap(),
            jar,
        }
    }

    pub async fn signed_in(&self, username: &str) -> Client {
        let c = self.client();
        let res = c.login(username, DEMO_PASSWORD).await;
        assert_eq!(
            res.status(),
            200,
            "Anmeldung {username}: {}",
            res.text().await.unwrap()
        );
        c
    }
}

#[derive(Clone)]
pub struct Client {
    pub base: String,
    pub http: reqwest::Client,
    pub jar: std::sync::Arc<reqwest::cookie::Jar>,
}

impl Client {
    /// Calls a server function as the hydrated app does (JSON answer, no redirect).
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.http
            .post(format!("{}/api/{endpoint}", self.base))
            .header("origin", &self.base)
            .form(form)
            .send()
            .await
            .unwrap()
    }

    pub async fn call_json(&self, endpoint: &str, form: &[(&str, &str)]) -> (u16, Value) {
        let res = self.call(endpoint, form).await;
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, value)
    }

    pub async fn login(&self, username: &str, password: &str) -> reqwest::Response {
        self.call(
            "anmelden",
            &[("benutzername", username), ("passwort", password)],
        )
        .await
    }

    /// A page request as a browser makes it.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.base))
            .header("accept", "text/html,application/xhtml+xml")
            .send()
            .await
            .unwrap()
    }

    /// The Cookie header this client would send (session cookie included).
    pub fn cookies(&self) -> String {
        use reqwest::cookie::CookieStore;
        self.jar
            .cookies(&self.base.parse().unwrap())
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    }
}

/// KT_TEST_LOG=<filter> (e.g. `debug`): the server's log, captured per test like its
/// other output, so a failing or hanging test shows what the server did last.
fn log_when_asked() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if let Ok(filter) = std::env::var("KT_TEST_LOG") {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
                .with_test_writer()
                .try_init();
        }
    });
}

/// The longest a test may take: a test that hangs fails with this message instead of
/// holding the whole run (and CI) until its limit. Every test takes well under a minute.
/// A new API token of the signed-in client, its password confirmed, as its secret.
pub async fn new_token(c: &Client, name: &str, days: &str) -> String {
    let form = [("name", name), ("tage", days), ("passwort", DEMO_PASSWORD)];
    let (status, token) = c.call_json("schluessel/anlegen", &form).await;
    assert_eq!(status, 200, "{token}");
    token["secret"].as_str().unwrap().to_string()
}

/// The fields a 422 answer names, in its order.
pub fn invalid_fields(e: &Value) -> Vec<&str> {
    e["Validation"]
        .as_array()
        .unwrap_or_else(|| panic!("no field errors: {e}"))
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect()
}

pub const TEST_LIMIT: std::time::Duration = std::time::Duration::from_secs(180);

pub async fn within_limit(test: impl std::future::Future<Output = ()>) {
    if tokio::time::timeout(TEST_LIMIT, test).await.is_err() {
        panic!("Test hängt: nach {} s nicht fertig", TEST_LIMIT.as_secs());
    }
}

/// Generates `mod sqlite` and `mod postgres` running the same async test body, each
/// within TEST_LIMIT.
#[macro_export]
macro_rules! both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    $crate::common::within_limit(super::$name($crate::common::Backend::Sqlite)).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    $crate::common::within_limit(super::$name($crate::common::Backend::Postgres)).await
                }
            )*
        }
    };
}

/// Serves `router` on a free loopback port: its base URL and the serving task.
async fn spawn_router(router: axum::Router) -> (String, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    (format!("http://{addr}"), server)
}

/// Serves `router` for the rest of the test; returns its base URL.
pub async fn serve_router(router: axum::Router) -> String {
    spawn_router(router).await.0
}

/// Waits out the server's short memory (db::cache) after a change made straight in
/// the database, behind the server's back: such a change counts after at most its time
/// to live.
pub async fn past_cache_window() {
    let ttl = Cache::default().ttl();
    tokio::time::sleep(ttl + std::time::Duration::from_millis(200)).await;
}
