//! The binary itself: clear errors and non-zero exits for bad configuration, `user add`
//! with the password on stdin, `backup`.

use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_konfigurationstool");

pub(crate) fn run(args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> (bool, String) {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn invalid_database_url_is_a_clear_error() {
    let (ok, out) = run(&["migrate"], &[("DATABASE_URL", "mysql://x@y/z")], None);
    assert!(!ok);
    assert!(out.contains("DATABASE_URL ist ungültig"), "{out}");
}

#[test]
fn unwritable_data_directory_is_a_clear_error() {
    let (ok, out) = run(
        &["migrate"],
        &[("DATABASE_URL", "sqlite:///proc/kt-gibt-es-nicht/db.sqlite")],
        None,
    );
    assert!(!ok);
    assert!(out.contains("Datenverzeichnis"), "{out}");
}

#[test]
fn port_in_use_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/kt.db", dir.path().display());
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let (ok, out) = run(
        &["serve"],
        &[("DATABASE_URL", &url), ("KT_BIND", &addr)],
        None,
    );
    assert!(!ok);
    assert!(out.contains("bereits belegt"), "{out}");
}

#[test]
fn seed_requires_demo_flag_and_user_add_reads_password_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/daten/kt.db", dir.path().display());
    let env = [("DATABASE_URL", url.as_str())];
    let (ok, out) = run(&["seed"], &env, None);
    assert!(!ok && out.contains("--demo"), "{out}");
    let (ok, out) = run(&["seed", "--demo"], &env, None);
    assert!(ok, "{out}");
    assert!(out.contains("10 Regionaldirektionen"), "{out}");

    let (ok, out) = run(
        &[
            "user",
            "add",
            "doppelrolle",
            "--name",
            "Test",
            "--role",
            "agentur-admin",
            "--scope",
            "kiel",
        ],
        &env,
        Some("Ein-gutes-Passwort-1\n"),
    );
    assert!(ok, "{out}");
    let (ok, out) = run(
        &[
            "user",
            "add",
            "doppelrolle",
            "--name",
            "Test",
            "--role",
            "agentur-admin",
            "--scope",
            "kiel",
        ],
        &env,
        Some("Ein-gutes-Passwort-1\n"),
    );
    assert!(!ok && out.contains("existiert bereits"), "{out}");
    let grant = [
        "user",
        "grant",
        "doppelrolle",
        "--role",
        "rd-pruefer",
        "--scope",
        "nord",
    ];
    let (ok, out) = run(&grant, &env, None);
    assert!(ok && out.contains("hinzugefügt"), "{out}");
    let (ok, out) = run(&grant, &env, None);
    assert!(!ok && out.contains("bereits"), "{out}");
    let bad_grant = [
        "user",
        "grant",
        "doppelrolle",
        "--role",
        "zentrale",
        "--scope",
        "nord",
    ];
    let (ok, out) = run(&bad_grant, &env, None);
    assert!(!ok && out.contains("keinen Geltungsbereich"), "{out}");
    let (ok, out) = run(
        &[
            "user", "add", "schwach", "--name", "T", "--role", "rim", "--scope", "nord",
        ],
        &env,
        Some("kurz\n"),
    );
    assert!(!ok && out.contains("mindestens 12"), "{out}");
    let (ok, out) = run(
        &[
            "user", "add", "x-rim", "--name", "T", "--role", "rim", "--scope", "kiel",
        ],
        &env,
        Some("Ein-gutes-Passwort-1\n"),
    );
    assert!(!ok && out.contains("Unbekannte Regionaldirektion"), "{out}");

    let backup = dir.path().join("sicherung.db");
    let (ok, out) = run(&["backup", backup.to_str().unwrap()], &env, None);
    assert!(ok, "{out}");
    assert!(std::fs::metadata(&backup).unwrap().len() > 100_000);
    let (ok, out) = run(&["backup", backup.to_str().unwrap()], &env, None);
    assert!(!ok && out.contains("existiert bereits"), "{out}");
    let (ok, out) = run(
        &["backup", "/tmp/x.dump"],
        &[("DATABASE_URL", "postgres://u:p@127.0.0.1:1/db")],
        None,
    );
    assert!(!ok && out.contains("pg_dump"), "{out}");
}

/// The last line of `out`: where `init` and `reset-password` print a one-time password.
pub(crate) fn last_line(out: &str) -> &str {
    out.trim_end().lines().last().unwrap_or_default().trim()
}

#[test]
fn init_sets_up_an_empty_installation_once() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/kt.db", dir.path().display());
    let env = [("DATABASE_URL", url.as_str())];
    let init = ["init", "chefin", "--name", "Erika Mustermann"];
    let (ok, out) = run(
        &init,
        &env,
        Some("Ein-gutes-Passwort-1\nEin-anderes-Passwort\n"),
    );
    assert!(!ok && out.contains("stimmen nicht überein"), "{out}");
    let (ok, out) = run(&init, &env, Some("kurz\nkurz\n"));
    assert!(!ok && out.contains("mindestens 12"), "{out}");
    let (ok, out) = run(
        &init,
        &env,
        Some("Ein-gutes-Passwort-1\nEin-gutes-Passwort-1\n"),
    );
    assert!(
        ok && out.contains("Konto chefin der Zentrale angelegt"),
        "{out}"
    );
    assert!(out.contains("Produktivbetrieb"), "{out}");
    // Once set up, init refuses; more accounts come from the Zentrale.
    let (ok, out) = run(
        &[
            "init",
            "zweite",
            "--name",
            "Noch eine",
            "--one-time-password",
        ],
        &env,
        None,
    );
    assert!(!ok && out.contains("bereits eingerichtet"), "{out}");
    // The only Zentrale can neither be locked nor demoted, from here either.
    let (ok, out) = run(&["user", "lock", "chefin"], &env, None);
    assert!(!ok && out.contains("letzte aktive"), "{out}");
    let (ok, out) = run(
        &["user", "revoke", "chefin", "--role", "zentrale"],
        &env,
        None,
    );
    assert!(!ok && out.contains("letzte aktive"), "{out}");
    let (ok, out) = run(&["user", "lock", "niemand"], &env, None);
    assert!(!ok && out.contains("Unbekannter Benutzer"), "{out}");
    // No demo data came with it: the installation is empty but for its one account.
    let (ok, out) = run(&["user", "reset-password", "chefin"], &env, None);
    assert!(ok, "{out}");
    let one_time = last_line(&out);
    assert_eq!(one_time.len(), 19, "{out}");

    let other = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/kt.db", other.path().display());
    let (ok, out) = run(
        &[
            "init",
            "chef",
            "--name",
            "Max Mustermann",
            "--one-time-password",
        ],
        &[("DATABASE_URL", url.as_str())],
        None,
    );
    assert!(ok && out.contains("Einmalpasswort"), "{out}");
    assert_eq!(last_line(&out).len(), 19, "{out}");
}

/// Starts `serve` and returns what it logged until it says it runs (or ends).
fn serve_log(env: &[(&str, &str)]) -> (bool, String) {
    use std::io::BufRead;
    let mut cmd = Command::new(BIN);
    cmd.arg("serve")
        .env("RUST_LOG", "info")
        .env("KT_BIND", "127.0.0.1:0")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let mut log = String::new();
    let mut running = false;
    for line in std::io::BufReader::new(child.stderr.take().unwrap()).lines() {
        let line = line.unwrap();
        log.push_str(&line);
        log.push('\n');
        if line.contains("Konfigurationstool läuft") {
            running = true;
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    (running, log)
}

#[test]
fn serve_names_demo_accounts_and_refuses_them_in_production() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/kt.db", dir.path().display());
    let db = [("DATABASE_URL", url.as_str())];
    let (ok, out) = run(&["seed", "--demo"], &db, None);
    assert!(ok, "{out}");
    let (running, log) = serve_log(&db);
    assert!(running && log.contains("Demo-Konten vorhanden"), "{log}");
    assert!(log.contains("zentrale"), "{log}");
    let https = [("DATABASE_URL", url.as_str()), ("KT_HTTPS", "true")];
    let (running, log) = serve_log(&https);
    assert!(
        !running && log.contains("veröffentlichten Passwort"),
        "{log}"
    );
    let demo = [
        ("DATABASE_URL", url.as_str()),
        ("KT_HTTPS", "true"),
        ("KT_DEMO", "true"),
    ];
    let (running, log) = serve_log(&demo);
    assert!(running, "a demonstration over HTTPS may run: {log}");
    // Once every demo account is locked, production starts (and still names them).
    for (name, ..) in server::seed::DEMO_USERS {
        let (ok, out) = run(&["user", "lock", name], &db, None);
        // The last Zentrale stays: it gets its own password instead.
        if !ok {
            assert!(out.contains("letzte aktive"), "{out}");
            let (ok, out) = run(&["user", "reset-password", name], &db, None);
            assert!(ok, "{out}");
        }
    }
    let (running, log) = serve_log(&https);
    assert!(running && log.contains("Demo-Konten vorhanden"), "{log}");
}

#[test]
fn an_imprint_or_privacy_address_that_is_no_web_address_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/kt.db", dir.path().display());
    for name in ["KT_IMPRINT_URL", "KT_PRIVACY_URL"] {
        let (ok, out) = run(
            &["serve"],
            &[("DATABASE_URL", &url), (name, "javascript:alert(1)")],
            None,
        );
        assert!(
            !ok && out.contains(name) && out.contains("http(s)-Adresse"),
            "{out}"
        );
    }
}

#[test]
fn an_https_public_address_turns_https_on_and_contradicting_it_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/kt.db", dir.path().display());
    let (ok, out) = run(&["seed", "--demo"], &[("DATABASE_URL", &url)], None);
    assert!(ok, "{out}");
    let public = ("KT_PUBLIC_URL", "https://konfigurationstool.example.de");
    // KT_HTTPS=false beside the https address users open: refused, before anything runs.
    let (ok, out) = run(
        &["serve"],
        &[
            ("DATABASE_URL", &url),
            ("KT_BIND", "127.0.0.1:0"),
            ("KT_HTTPS", "false"),
            public,
        ],
        None,
    );
    assert!(!ok && out.contains("KT_HTTPS=false"), "{out}");
    // KT_HTTPS unset: the https address makes it production, where the published demo
    // passwords are refused as with KT_HTTPS=true.
    let (running, log) = serve_log(&[("DATABASE_URL", &url), public]);
    assert!(
        !running && log.contains("veröffentlichten Passwort"),
        "{log}"
    );
}
