//! The binary itself: clear errors and non-zero exits for bad configuration, `user add`
//! with the password on stdin, `backup`.

use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_konfigurationstool");

fn run(args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> (bool, String) {
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
    assert!(ok && out.contains("bereits"), "{out}");
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
