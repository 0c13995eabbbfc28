//! The names the item export shows, read once per export: the item query then joins
//! only orders, items and the base version, and each row looks its names up here
//! instead of in nine more tables (what made a million-row export take half a minute).

use crate::db::Db;
use crate::on_db;
use rustc_hash::FxHashMap;
use std::sync::Arc;

// Integer keys, looked up a few times per exported row: FxHash rather than SipHash.
pub(super) type ById = FxHashMap<i64, Arc<str>>;

/// Dienststelle code and name and the Anliegen of a routing entry.
#[derive(Clone, Debug, Default)]
pub(super) struct EntryNames {
    pub office_code: Arc<str>,
    pub office_name: Arc<str>,
    pub concern: Arc<str>,
}

#[derive(Debug, Default)]
pub(super) struct Names {
    pub regions: ById,
    pub agencies: ById,
    pub users: ById,
    pub directives: ById,
    pub areas: ById,
    pub mailboxes: ById,
    pub entries: FxHashMap<i64, EntryNames>,
}

async fn by_id(db: &Db, sql: &str) -> sqlx::Result<ById> {
    let rows: Vec<(i64, String)> = on_db!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| (id, name.into()))
        .collect())
}

impl Names {
    pub async fn load(db: &Db) -> sqlx::Result<Names> {
        let entries: Vec<(i64, String, String, String)> = on_db!(db, pool => sqlx::query_as(
            "SELECT e.id, f.code, f.name, c.name FROM routing_entries e
             JOIN offices f ON f.id = e.office_id JOIN concerns c ON c.id = e.concern_id")
            .fetch_all(pool).await)?;
        Ok(Names {
            regions: by_id(db, "SELECT id, name FROM regions").await?,
            agencies: by_id(db, "SELECT id, name FROM agencies").await?,
            users: by_id(db, "SELECT id, display_name FROM users").await?,
            directives: by_id(db, "SELECT id, number FROM directives").await?,
            areas: by_id(db, "SELECT id, name FROM areas").await?,
            mailboxes: by_id(db, "SELECT id, address FROM mailboxes").await?,
            entries: entries
                .into_iter()
                .map(|(id, office_code, office_name, concern)| {
                    let names = EntryNames {
                        office_code: office_code.into(),
                        office_name: office_name.into(),
                        concern: concern.into(),
                    };
                    (id, names)
                })
                .collect(),
        })
    }

    pub fn directive_id(&self, number: &str) -> Option<i64> {
        self.directives
            .iter()
            .find(|(_, n)| &***n == number)
            .map(|(id, _)| *id)
    }
}
