//! The command line: serve (default) | migrate | init | seed --demo | user … | backup |
//! openapi | assets.

use crate::seed::{self, anyhow_like::Result};
use app::db::users::{self, NewUser};
use app::db::Db;
use app::domain::fields::{NewPassword, Username};
use app::domain::policy::{Assignment, Role};
use app::domain::user_admin::AccountChange;
use app::error::AppError;
use app::services::password::PasswordHasher;
use app::services::{
    self,
    users::{Change, ChangeBy},
};
use clap::{Parser, Subcommand};
use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;

/// Default database: an SQLite file under ./data/, created if missing.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/konfigurationstool.db";

#[derive(Parser, Debug)]
#[command(
    name = "konfigurationstool",
    version,
    about = "Konfigurationstool für das Routing des Postfachservice"
)]
pub struct Cli {
    /// sqlite://PFAD (Standard) oder postgres://BENUTZER:PASSWORT@HOST/DATENBANK
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Offene Migrationen anwenden und den Server starten (Standard).
    Serve,
    /// Nur die offenen Migrationen anwenden.
    Migrate,
    /// Eine neue Installation einrichten: Migrationen anwenden und das erste Konto der
    /// Zentrale anlegen. Das Passwort wird zweimal abgefragt (ohne Terminal: zwei Zeilen
    /// der Standardeingabe), oder mit --one-time-password ein Einmalpasswort ausgegeben,
    /// das bei der ersten Anmeldung geändert werden muss.
    Init {
        username: String,
        /// Anzeigename
        #[arg(long)]
        name: String,
        /// E-Mail-Adresse für Benachrichtigungen
        #[arg(long)]
        email: Option<String>,
        /// Ein Einmalpasswort erzeugen und ausgeben, statt eines einzugeben.
        #[arg(long)]
        one_time_password: bool,
    },
    /// Demodaten anlegen (idempotent). Nur mit --demo.
    Seed {
        #[arg(long)]
        demo: bool,
    },
    /// Benutzer verwalten.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Konsistente Sicherung der SQLite-Datenbank in eine Datei.
    Backup { file: PathBuf },
    /// Die OpenAPI-Beschreibung der JSON-API ausgeben (wie /api/v1/openapi.json),
    /// ohne Datenbank.
    Openapi,
    /// Nach dem Build: die Dateien des Clients (js, wasm, css) unter Namen mit einem Hash
    /// ihres Inhalts ablegen, mit Brotli und gzip vorkomprimiert (ohne Datenbank).
    Assets,
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Benutzer anlegen; das Passwort wird abgefragt oder von der Standardeingabe gelesen.
    Add {
        username: String,
        /// Anzeigename
        #[arg(long)]
        name: String,
        /// zentrale | rd-pruefer | rim | agentur-admin
        #[arg(long)]
        role: String,
        /// RD-Kürzel (rd-pruefer, rim) oder Agentur-Kürzel (agentur-admin)
        #[arg(long)]
        scope: Option<String>,
        /// E-Mail-Adresse für Benachrichtigungen
        #[arg(long)]
        email: Option<String>,
    },
    /// Einem bestehenden Benutzer eine weitere Rolle geben.
    Grant {
        username: String,
        /// zentrale | rd-pruefer | rim | agentur-admin
        #[arg(long)]
        role: String,
        /// RD-Kürzel (rd-pruefer, rim) oder Agentur-Kürzel (agentur-admin)
        #[arg(long)]
        scope: Option<String>,
    },
    /// Einem Benutzer eine Rolle entziehen (nie der letzten aktiven Zentrale).
    Revoke {
        username: String,
        /// zentrale | rd-pruefer | rim | agentur-admin
        #[arg(long)]
        role: String,
        /// RD-Kürzel (rd-pruefer, rim) oder Agentur-Kürzel (agentur-admin)
        #[arg(long)]
        scope: Option<String>,
    },
    /// Benutzer sperren (beendet alle Sitzungen; nie die letzte aktive Zentrale).
    Lock { username: String },
    /// Benutzer entsperren.
    Unlock { username: String },
    /// Ein Einmalpasswort setzen und ausgeben (beendet Sitzungen, widerruft API-Schlüssel).
    ResetPassword { username: String },
}

pub async fn run(cli: Cli) -> Result<()> {
    let command = cli.command.unwrap_or(Command::Serve);
    if let Command::Backup { file } = &command {
        return backup(&cli.database_url, file).await;
    }
    if let Command::Assets = command {
        return crate::serve::prepare_assets();
    }
    if let Command::Openapi = command {
        println!("{}", serde_json::to_string_pretty(&crate::api::document())?);
        return Ok(());
    }
    let db = Db::connect(&cli.database_url).await?;
    db.migrate().await?;
    let result = match command {
        Command::Serve => crate::serve::serve(db.clone()).await,
        Command::Migrate => {
            println!("Migrationen angewendet ({}).", db.backend_name());
            Ok(())
        }
        Command::Init {
            username,
            name,
            email,
            one_time_password,
        } => init(&db, &username, &name, email.as_deref(), one_time_password).await,
        Command::Seed { demo: false } => {
            Err("Nur Demodaten können angelegt werden: seed --demo. Produktivdaten werden nie automatisch angelegt.".into())
        }
        Command::Seed { demo: true } => {
            let report = seed::seed_demo(&db, &PasswordHasher::default()).await?;
            let orders = seed::seed_demo_orders(&db).await?;
            println!(
                "Demodaten vorhanden: {} Regionaldirektionen, {} Agenturen, {} Dienststellen, {} Postfächer, {} Anliegen, {} Routing-Einträge, {} Postfacheinstellungen, {} eAkte-Regeln, {} Weisungen; {} Benutzer und {} Änderungsaufträge neu angelegt.",
                report.regions, report.agencies, report.offices, report.mailboxes, report.concerns, report.routing_entries, report.mailbox_settings, report.eakte_rules, report.directives, report.users_created, orders
            );
            Ok(())
        }
        Command::User { command } => user(&db, command).await,
        Command::Backup { .. } | Command::Openapi | Command::Assets => unreachable!("handled above"),
    };
    db.close().await;
    result
}

fn read_password(username: &str) -> Result<NewPassword> {
    let stdin = std::io::stdin();
    let raw = if stdin.is_terminal() {
        let first = rpassword::prompt_password("Passwort: ")?;
        let second = rpassword::prompt_password("Passwort wiederholen: ")?;
        if first != second {
            return Err("Die Passwörter stimmen nicht überein.".into());
        }
        first
    } else {
        let mut line = String::new();
        stdin.lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_string()
    };
    Ok(NewPassword::parse(&raw, username)?)
}

async fn user(db: &Db, command: UserCommand) -> Result<()> {
    match command {
        UserCommand::Add {
            username,
            name,
            role,
            scope,
            email,
        } => {
            let username = Username::parse(&username)?;
            let email = email
                .as_deref()
                .map(app::domain::fields::PersonalEmail::parse)
                .transpose()?;
            let role = Role::from_code(&role).ok_or_else(|| {
                format!("Unbekannte Rolle „{role}“: zentrale, rd-pruefer, rim oder agentur-admin.")
            })?;
            let scope = seed::resolve_scope(db, role, scope.as_deref()).await?;
            let assignment = Assignment::new(role, scope)?;
            let name = name.trim();
            if name.is_empty() || name.chars().count() > 200 {
                return Err("Der Anzeigename muss 1 bis 200 Zeichen lang sein.".into());
            }
            let password = read_password(username.as_str())?;
            let hash = PasswordHasher::default().hash(password.expose()).await?;
            let created = users::create(
                db,
                &NewUser {
                    username: username.as_str(),
                    display_name: name,
                    password_hash: &hash,
                    assignments: &[assignment],
                    email: email.as_ref().map(|e| e.as_str()),
                },
            )
            .await?;
            match created {
                Some(_) => {
                    println!("Benutzer {username} angelegt.");
                    Ok(())
                }
                None => Err(format!("Der Benutzer {username} existiert bereits.").into()),
            }
        }
        UserCommand::Grant {
            username,
            role,
            scope,
        } => {
            let assignment = parse_assignment(db, &role, scope.as_deref()).await?;
            change(db, &username, AccountChange::Grant(assignment)).await?;
            println!(
                "Benutzer {username}: Rolle {} hinzugefügt.",
                assignment.role().label()
            );
            Ok(())
        }
        UserCommand::Revoke {
            username,
            role,
            scope,
        } => {
            let assignment = parse_assignment(db, &role, scope.as_deref()).await?;
            change(db, &username, AccountChange::Revoke(assignment)).await?;
            println!(
                "Benutzer {username}: Rolle {} entzogen.",
                assignment.role().label()
            );
            Ok(())
        }
        UserCommand::Lock { username } => {
            change(db, &username, AccountChange::Lock).await?;
            println!("Benutzer {username} gesperrt.");
            Ok(())
        }
        UserCommand::Unlock { username } => {
            change(db, &username, AccountChange::Unlock).await?;
            println!("Benutzer {username} entsperrt.");
            Ok(())
        }
        UserCommand::ResetPassword { username } => {
            let done = change(db, &username, AccountChange::ResetPassword).await?;
            if let Some(set) = done.one_time {
                println!(
                    "Einmalpasswort für {username} (gültig bis {}, bei der ersten Anmeldung zu ändern):\n{}",
                    set.valid_until, set.password
                );
            }
            Ok(())
        }
    }
}

/// The command line's change to an account: the same rules and audit as the
/// administration pages (by "kommandozeile").
async fn change(db: &Db, username: &str, change: AccountChange) -> Result<Change> {
    let username = Username::parse(username)?;
    services::users::apply(
        db,
        &PasswordHasher::default(),
        &ChangeBy::CommandLine,
        username.as_str(),
        change,
        None,
    )
    .await
    .map_err(|e| cli_error(e, username.as_str()).into())
}

/// An application error as the command line says it: field errors spelled out.
fn cli_error(e: AppError, username: &str) -> String {
    match e {
        AppError::Validation(fields) => fields
            .into_iter()
            .map(|f| f.message)
            .collect::<Vec<_>>()
            .join(" "),
        AppError::NotFound => format!("Unbekannter Benutzer „{username}“."),
        other => other.to_string(),
    }
}

async fn init(
    db: &Db,
    username: &str,
    name: &str,
    email: Option<&str>,
    one_time: bool,
) -> Result<()> {
    let password = if one_time {
        None
    } else {
        Some(read_password_twice()?)
    };
    let created = services::users::create_first_zentrale(
        db,
        &PasswordHasher::default(),
        username,
        name,
        email.unwrap_or_default(),
        password.as_deref(),
    )
    .await
    .map_err(|e| cli_error(e, username))?;
    println!("Migrationen angewendet ({}).", db.backend_name());
    let username = username.trim().to_lowercase();
    println!("Konto {username} der Zentrale angelegt.");
    println!(
        "Nächster Schritt: Stammdaten der Organisation importieren (README, „Produktivbetrieb“)."
    );
    if let Some(set) = created {
        println!(
            "Einmalpasswort (gültig bis {}, bei der ersten Anmeldung zu ändern):\n{}",
            set.valid_until, set.password
        );
    }
    Ok(())
}

/// The new password typed twice: at a terminal hidden, otherwise two lines of stdin.
fn read_password_twice() -> Result<String> {
    let stdin = std::io::stdin();
    let (first, second) = if stdin.is_terminal() {
        (
            rpassword::prompt_password("Passwort: ")?,
            rpassword::prompt_password("Passwort wiederholen: ")?,
        )
    } else {
        let mut lines = stdin.lock().lines();
        let mut next = || -> Result<String> {
            Ok(lines
                .next()
                .transpose()?
                .unwrap_or_default()
                .trim_end_matches('\r')
                .to_string())
        };
        (next()?, next()?)
    };
    if first != second {
        return Err("Die Passwörter stimmen nicht überein.".into());
    }
    Ok(first)
}

async fn parse_assignment(db: &Db, role: &str, scope: Option<&str>) -> Result<Assignment> {
    let role = Role::from_code(role).ok_or_else(|| {
        format!("Unbekannte Rolle „{role}“: zentrale, rd-pruefer, rim oder agentur-admin.")
    })?;
    let scope = seed::resolve_scope(db, role, scope).await?;
    Ok(Assignment::new(role, scope)?)
}

async fn backup(database_url: &str, file: &std::path::Path) -> Result<()> {
    if !database_url.starts_with("sqlite:") {
        return Err("Für PostgreSQL sichern Sie bitte mit pg_dump, z. B.: pg_dump --format=custom --file=sicherung.dump \"$DATABASE_URL\"".into());
    }
    if file.exists() {
        return Err(format!("Die Zieldatei {} existiert bereits.", file.display()).into());
    }
    let db = Db::connect(database_url).await?;
    let Db::Sqlite(pool) = &db else {
        unreachable!("checked above")
    };
    // VACUUM INTO writes a consistent copy while the server keeps running.
    sqlx::query("VACUUM INTO $1")
        .bind(file.to_string_lossy().to_string())
        .execute(pool)
        .await?;
    db.close().await;
    println!("Sicherung geschrieben: {}", file.display());
    Ok(())
}
