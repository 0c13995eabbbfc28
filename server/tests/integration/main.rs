//! Integration tests: the real server against real SQLite and PostgreSQL databases.

mod common;

mod auth;
mod cli;
mod org;
mod safety;
mod seed;
