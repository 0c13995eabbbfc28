//! An agency as its merger reads it — its Dienststellen, the routing the merger would leave
//! against the rules, its open orders and what follows it to the successor — read the same
//! way by the page that plans the merger and by the transaction that performs it; and the
//! merger's writes.

use super::mailbox_admin::{use_rows_sql, UseRow};
use super::routing::open_states;
use super::write::{on_reader, on_tx, Reader, WriteTx};
use std::sync::LazyLock;
use time::{Date, OffsetDateTime};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AgencyAdminRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub active: bool,
    pub region_id: i64,
    pub region_code: String,
    pub region_name: String,
    pub successor_code: Option<String>,
    pub successor_name: Option<String>,
    /// The id of its open Hauptagentur.
    pub headquarters_id: Option<i64>,
}

const AGENCY_SQL: &str = "SELECT a.id, a.code, a.name, a.active, a.region_id,
        r.code AS region_code, r.name AS region_name,
        s.code AS successor_code, s.name AS successor_name,
        (SELECT MIN(o.id) FROM offices o
         WHERE o.agency_id = a.id AND o.kind = 'hauptagentur' AND o.active) AS headquarters_id
    FROM agencies a JOIN regions r ON r.id = a.region_id LEFT JOIN agencies s ON s.id = a.successor_id";

pub async fn agency(r: &mut Reader<'_>, code: &str) -> sqlx::Result<Option<AgencyAdminRow>> {
    let sql = format!("{AGENCY_SQL} WHERE a.code = $1");
    on_reader!(r, conn => sqlx::query_as(&sql).bind(code).fetch_optional(conn).await)
}

/// Every open agency but `except`, by RD and name: the possible successors.
pub async fn open_agencies(r: &mut Reader<'_>, except: i64) -> sqlx::Result<Vec<AgencyAdminRow>> {
    let sql = format!("{AGENCY_SQL} WHERE a.active AND a.id <> $1 ORDER BY r.name, a.name");
    on_reader!(r, conn => sqlx::query_as(&sql).bind(except).fetch_all(conn).await)
}

// Live entries of the agency's Geschäftsstellen whose target is a mailbox of its
// Hauptagentur: once the Hauptagentur is a Geschäftsstelle, they may no longer route there.
static STRANDED_SQL: LazyLock<String> = LazyLock::new(|| {
    use_rows_sql(
        "o.agency_id = $1 AND o.kind <> 'hauptagentur' AND v.mailbox_id IN (
            SELECT m.id FROM mailboxes m JOIN offices h ON h.id = m.office_id
            WHERE h.agency_id = $1 AND h.kind = 'hauptagentur')",
        "o.name, c.name",
    )
});

pub async fn stranded_routing(r: &mut Reader<'_>, agency_id: i64) -> sqlx::Result<Vec<UseRow>> {
    let sql = STRANDED_SQL.as_str();
    on_reader!(r, conn => sqlx::query_as(sql).bind(agency_id).fetch_all(conn).await)
}

static OPEN_ORDERS_SQL: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT COALESCE(number, '') FROM orders WHERE agency_id = $1 AND state IN {} ORDER BY number",
        open_states()
    )
});

/// Numbers of the agency's open orders (they name its entries and would be checked
/// against an organisation that no longer holds them).
pub async fn open_orders(r: &mut Reader<'_>, agency_id: i64) -> sqlx::Result<Vec<String>> {
    let sql = OPEN_ORDERS_SQL.as_str();
    on_reader!(r, conn => sqlx::query_scalar(sql).bind(agency_id).fetch_all(conn).await)
}

/// How many live eAkte rules the agency has (they end with it).
pub async fn live_eakte_rules(r: &mut Reader<'_>, agency_id: i64) -> sqlx::Result<i64> {
    const SQL: &str = "SELECT COUNT(*) FROM eakte_rule_versions v
        JOIN eakte_rule_entries e ON e.id = v.entry_id
        WHERE e.agency_id = $1 AND v.valid_until IS NULL";
    on_reader!(r, conn => sqlx::query_scalar(SQL).bind(agency_id).fetch_one(conn).await)
}

// Directives in force on $2 (expired ones keep their scope: it is their history).
pub(crate) const IN_FORCE: &str =
    "(SELECT id FROM directives WHERE valid_until IS NULL OR valid_until >= $2)";

/// (number, "Nummer Titel") of the directives in force on `today` whose scope names the
/// agency, by number.
pub async fn scoped_directives(
    r: &mut Reader<'_>,
    agency_id: i64,
    today: Date,
) -> sqlx::Result<Vec<(String, String)>> {
    let sql = format!(
        "SELECT d.number, d.number || ' ' || d.title AS label
         FROM directive_scopes s JOIN directives d ON d.id = s.directive_id
         WHERE s.agency_id = $1 AND d.id IN {IN_FORCE} ORDER BY d.number"
    );
    on_reader!(r, conn => sqlx::query_as(&sql).bind(agency_id).bind(today).fetch_all(conn).await)
}

/// (id, username, display name) of the users with a role for the agency, by username.
pub async fn scoped_accounts(
    r: &mut Reader<'_>,
    agency_id: i64,
) -> sqlx::Result<Vec<(i64, String, String)>> {
    const SQL: &str = "SELECT DISTINCT u.id, u.username, u.display_name FROM role_assignments ra
        JOIN users u ON u.id = ra.user_id WHERE ra.agency_id = $1 ORDER BY u.username";
    on_reader!(r, conn => sqlx::query_as(SQL).bind(agency_id).fetch_all(conn).await)
}

/// What the merger handed on or ended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Handed {
    pub offices: u64,
    pub eakte_rules: u64,
    pub role_assignments: u64,
    pub directive_scopes: u64,
}

impl WriteTx {
    async fn run(&mut self, sql: &str, closing: i64, successor: i64) -> sqlx::Result<u64> {
        on_tx!(self, conn => sqlx::query(sql).bind(closing).bind(successor)
            .execute(conn).await.map(|r| r.rows_affected()))
    }

    async fn run_dated(
        &mut self,
        sql: &str,
        closing: i64,
        successor: i64,
        today: Date,
    ) -> sqlx::Result<u64> {
        on_tx!(self, conn => sqlx::query(sql).bind(closing).bind(successor).bind(today)
            .execute(conn).await.map(|r| r.rows_affected()))
    }

    async fn run_for(&mut self, sql: &str, closing: i64) -> sqlx::Result<u64> {
        on_tx!(self, conn => sqlx::query(sql).bind(closing)
            .execute(conn).await.map(|r| r.rows_affected()))
    }

    /// Moves the closing agency's Dienststellen (its Hauptagentur as a Geschäftsstelle),
    /// role assignments, directive scopes and pending order uploads to the successor, ends
    /// its live eAkte rules and marks it closed. Assignments and scopes the successor
    /// already has are dropped; users and directives whose scope changed get a new
    /// revision, so forms read before the merger are refused.
    pub async fn merge_agency(
        &mut self,
        closing: i64,
        successor: i64,
        now: OffsetDateTime,
        today: Date,
    ) -> sqlx::Result<Handed> {
        const KIND: &str = "UPDATE offices SET kind = 'geschaeftsstelle'
            WHERE agency_id = $1 AND kind = 'hauptagentur'";
        const OFFICES: &str = "UPDATE offices SET agency_id = $2 WHERE agency_id = $1";
        const USERS: &str = "UPDATE users SET revision = revision + 1
            WHERE id IN (SELECT user_id FROM role_assignments WHERE agency_id = $1)";
        const DOUBLE_ROLES: &str = "DELETE FROM role_assignments
            WHERE agency_id = $1 AND EXISTS (SELECT 1 FROM role_assignments s
                WHERE s.user_id = role_assignments.user_id AND s.role = role_assignments.role
                  AND s.agency_id = $2)";
        const ROLES: &str = "UPDATE role_assignments SET agency_id = $2 WHERE agency_id = $1";
        // $3: today; only directives in force follow the agency.
        let directives = format!(
            "UPDATE directives SET revision = revision + 1
             WHERE id IN (SELECT directive_id FROM directive_scopes WHERE agency_id = $1)
               AND id IN {IN_FORCE}"
        );
        let double_scopes = format!(
            "DELETE FROM directive_scopes
             WHERE agency_id = $1 AND directive_id IN {} AND EXISTS (SELECT 1 FROM directive_scopes s
                WHERE s.directive_id = directive_scopes.directive_id AND s.agency_id = $2)",
            IN_FORCE.replace("$2", "$3")
        );
        let scopes = format!(
            "UPDATE directive_scopes SET agency_id = $2 WHERE agency_id = $1 AND directive_id IN {}",
            IN_FORCE.replace("$2", "$3")
        );
        const UPLOADS: &str = "UPDATE csv_imports SET agency_id = $2 WHERE agency_id = $1";
        const CLOSE: &str = "UPDATE agencies SET active = FALSE, successor_id = $2 WHERE id = $1";
        const RULES: &str = "UPDATE eakte_rule_versions SET valid_until = $1
            WHERE valid_until IS NULL
              AND entry_id IN (SELECT id FROM eakte_rule_entries WHERE agency_id = $2)";
        let eakte_rules = on_tx!(&mut *self, conn => sqlx::query(RULES).bind(now).bind(closing)
            .execute(conn).await.map(|r| r.rows_affected()))?;
        self.run_for(KIND, closing).await?;
        let offices = self.run(OFFICES, closing, successor).await?;
        self.run_for(USERS, closing).await?;
        let dropped_roles = self.run(DOUBLE_ROLES, closing, successor).await?;
        let role_assignments = dropped_roles + self.run(ROLES, closing, successor).await?;
        on_tx!(&mut *self, conn => sqlx::query(&directives).bind(closing).bind(today)
            .execute(conn).await.map(|_| ()))?;
        let dropped_scopes = self
            .run_dated(&double_scopes, closing, successor, today)
            .await?;
        let directive_scopes =
            dropped_scopes + self.run_dated(&scopes, closing, successor, today).await?;
        self.run(UPLOADS, closing, successor).await?;
        self.run(CLOSE, closing, successor).await?;
        Ok(Handed {
            offices,
            eakte_rules,
            role_assignments,
            directive_scopes,
        })
    }
}
