//! Konfigurationstool: one binary for serving, migrating, seeding, user admin and backup.

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = server::cli::Cli::parse();
    server::serve::init_tracing();
    match server::cli::run(args).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Fehler: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
