//! The server side of Konfigurationstool: CLI, router, middleware, demo seed.

pub mod api;
pub mod cli;
pub mod client_address;
pub mod compression;
pub mod demo_accounts;
pub mod export;
pub mod input;
pub mod mail;
pub mod metrics;
pub mod plain_routes;
pub mod router;
pub mod security;
pub mod seed;
pub mod serve;
pub mod static_files;

// Under load glibc's malloc took about a sixth of the CPU (many small, short-lived
// allocations per request, and its consolidation passes); mimalloc is built for that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
