//! The directive register (read side; maintenance comes with the directives area).

use super::Db;
use crate::on_db;
use time::Date;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DirectiveRow {
    pub number: String,
    pub title: String,
    pub issued_on: Date,
    pub deadline_on: Date,
    pub deadline_text: String,
}

pub async fn all(db: &Db) -> sqlx::Result<Vec<DirectiveRow>> {
    const SQL: &str = "SELECT number, title, issued_on, deadline_on, deadline_text FROM directives ORDER BY deadline_on DESC";
    on_db!(db, pool => sqlx::query_as(SQL).fetch_all(pool).await)
}

/// (id, number, title, deadline) of every directive, newest deadline first: the choices
/// an order can answer.
pub async fn choices(db: &Db) -> sqlx::Result<Vec<(i64, String, String, Date)>> {
    const SQL: &str =
        "SELECT id, number, title, deadline_on FROM directives ORDER BY deadline_on DESC";
    on_db!(db, pool => sqlx::query_as(SQL).fetch_all(pool).await)
}

pub async fn id_by_number(db: &Db, number: &str) -> sqlx::Result<Option<i64>> {
    on_db!(db, pool => sqlx::query_scalar("SELECT id FROM directives WHERE number = $1")
        .bind(number).fetch_optional(pool).await)
}
