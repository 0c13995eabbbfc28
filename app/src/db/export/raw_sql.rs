//! SQL text with numbered parameters (`$1`, `$2`, …), which both PostgreSQL (through
//! sqlx) and SQLite (through rusqlite) read, so the item export writes its query once.

use crate::db::org::SqlWriter;
use time::Date;

#[derive(Clone, Debug)]
pub(super) enum Param {
    Int(i64),
    Text(String),
    Date(Date),
}

#[derive(Debug, Default)]
pub(super) struct RawSql {
    pub sql: String,
    pub params: Vec<Param>,
}

impl RawSql {
    pub fn new(sql: &str) -> Self {
        RawSql {
            sql: sql.to_string(),
            params: Vec::new(),
        }
    }

    pub fn push(&mut self, text: &str) -> &mut Self {
        self.sql.push_str(text);
        self
    }

    pub fn bind(&mut self, param: Param) -> &mut Self {
        self.params.push(param);
        self.sql.push_str(&format!("${}", self.params.len()));
        self
    }

    /// The parameters for sqlx on PostgreSQL.
    pub fn pg_arguments(&self) -> sqlx::postgres::PgArguments {
        use sqlx::Arguments;
        let mut args = sqlx::postgres::PgArguments::default();
        for p in &self.params {
            // Encoding an integer, a string or a date into a buffer cannot fail.
            let _ = match p {
                Param::Int(v) => args.add(*v),
                Param::Text(v) => args.add(v.clone()),
                Param::Date(v) => args.add(*v),
            };
        }
        args
    }

    /// The parameters for rusqlite, as sqlx stores them in SQLite (dates as YYYY-MM-DD).
    pub fn sqlite_values(&self) -> Vec<rusqlite::types::Value> {
        use rusqlite::types::Value;
        self.params
            .iter()
            .map(|p| match p {
                Param::Int(v) => Value::Integer(*v),
                Param::Text(v) => Value::Text(v.clone()),
                Param::Date(d) => Value::Text(format!(
                    "{:04}-{:02}-{:02}",
                    d.year(),
                    u8::from(d.month()),
                    d.day()
                )),
            })
            .collect()
    }
}

impl SqlWriter for RawSql {
    fn sql(&mut self, text: &str) {
        self.push(text);
    }
    fn bind_id(&mut self, id: i64) {
        self.bind(Param::Int(id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_numbered_in_order() {
        let mut q = RawSql::new("SELECT 1 WHERE a = ");
        q.bind(Param::Int(7))
            .push(" AND b = ")
            .bind(Param::Text("x".into()));
        q.push(" AND d = ").bind(Param::Date(
            Date::from_calendar_date(2026, time::Month::March, 5).unwrap(),
        ));
        assert_eq!(q.sql, "SELECT 1 WHERE a = $1 AND b = $2 AND d = $3");
        let values = q.sqlite_values();
        assert_eq!(values[2], rusqlite::types::Value::Text("2026-03-05".into()));
    }
}
