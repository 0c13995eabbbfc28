//! The server side of Konfigurationstool: CLI, router, middleware, demo seed.

pub mod cli;
pub mod router;
pub mod security;
pub mod seed;
pub mod serve;
