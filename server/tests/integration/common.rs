//! Test harness: a real server on a free port against a real database — an SQLite file
//! in a temp dir, or a fresh database on PostgreSQL (KT_TEST_DATABASE_URL, else the
//! local server). Never skipped: without PostgreSQL the PostgreSQL tests fail and say why.
#![allow(dead_code)]

use app::db::Db;
use app::domain::fields::MailDomains;
use app::services::cache::Cache;
use app::services::password::PasswordHasher;
use app::services::AppState;
use leptos::config::LeptosOptions;
use reqwest::redirect::Policy;
use serde_json::Value;
use server::api::limits::ApiLimits;
use server::page_cache::PageCacheTtl;
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

/// A fresh, empty database of the given backend.
pub struct TestDb {
    pub url: String,
    pub db: Db,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    pub async fn new(backend: Backend) -> TestDb {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().unwrap();
                let url = format!("sqlite://{}/daten/test.db", dir.path().display());
                let db = Db::connect(&url).await.expect("SQLite-Testdatenbank");
                TestDb {
                    url,
                    db,
                    _dir: Some(dir),
                }
            }
            Backend::Postgres => {
                let admin_url = pg_admin_url();
                let admin = Db::connect(&admin_url).await.unwrap_or_else(|e| {
                    panic!(
                        "PostgreSQL nicht erreichbar ({e}) unter {}. Setzen Sie KT_TEST_DATABASE_URL \
                         oder starten Sie die Tests mit .ci/test, das einen Wegwerf-Cluster startet.",
                        app::db::redact(&admin_url)
                    )
                });
                let name = format!("kt_test_{}", uuid::Uuid::new_v4().simple());
                let Db::Postgres(pool) = &admin else {
                    unreachable!()
                };
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(pool)
                    .await
                    .unwrap();
                admin.close().await;
                let (base, _) = admin_url.rsplit_once('/').unwrap();
                let url = format!("{base}/{name}");
                let db = Db::connect(&url).await.unwrap();
                TestDb {
                    url,
                    db,
                    _dir: None,
                }
            }
        }
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
    page_cache: PageCacheTtl,
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

    /// With the short memory of sessions and users off (KT_CACHE_SECONDS=0).
    pub async fn start_uncached(backend: Backend) -> TestApp {
        let cache = Cache::new(std::time::Duration::ZERO);
        Self::launch(
            backend,
            Settings {
                cache,
                ..Default::default()
            },
        )
        .await
    }

    /// With the list pages' memory off (KT_PAGE_CACHE_SECONDS=0).
    pub async fn start_without_page_cache(backend: Backend) -> TestApp {
        Self::launch(
            backend,
            Settings {
                page_cache: PageCacheTtl::OFF,
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

    async fn launch(backend: Backend, settings: Settings) -> TestApp {
        let test_db = TestDb::new(backend).await;
        let db = test_db.db.clone();
        db.migrate().await.expect("Migrationen");
        server::seed::seed_demo(&db, &PasswordHasher::new(2))
            .await
            .expect("Demodaten");
        let Settings {
            https,
            mail,
            limits,
            cache,
            mail_domains,
            page_cache,
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
        };
        let options = LeptosOptions::builder()
            .output_name("konfigurationstool")
            .build();
        let settings = server::router::Settings { limits, page_cache };
        let router = server::router::build_with(state, options, settings);
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
        TestApp {
            base: format!("http://{addr}"),
            db,
            sessions,
            test_db,
            server,
        }
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

/// Generates `mod sqlite` and `mod postgres` running the same async test body.
#[macro_export]
macro_rules! both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::common::Backend::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::common::Backend::Postgres).await
                }
            )*
        }
    };
}

/// Waits out the server's short memory (services::cache) after a change made straight in
/// the database, behind the server's back: such a change counts after at most its time
/// to live.
pub async fn past_cache_window() {
    let ttl = Cache::default().ttl();
    tokio::time::sleep(ttl + std::time::Duration::from_millis(200)).await;
}
