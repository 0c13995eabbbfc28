//! Deactivating a Regionaldirektion: only once nothing depends on it any more. Its
//! agencies are merged into agencies of other RDs first, its roles revoked, its directives
//! rescoped and its open orders finished; the refusal names each of them.

/// What still depends on the RD.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegionUses {
    /// Names of its open agencies.
    pub open_agencies: Vec<String>,
    /// "Name (benutzername)" of the users with a role for it.
    pub role_holders: Vec<String>,
    /// "Nummer Titel" of the directives whose scope names it.
    pub directives: Vec<String>,
    /// Numbers of the open orders it reviews or implements.
    pub open_orders: Vec<String>,
}

fn counted(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        one.to_string()
    } else {
        format!("{n} {many}")
    }
}

/// The refusal for deactivating the RD `name`; `None` when nothing depends on it.
pub fn deactivation_refusal(name: &str, u: &RegionUses) -> Option<String> {
    // (what depends, said of one, said of many, what to do first)
    let parts: [(&[String], &str, &str, &str); 4] = [
        (
            &u.open_agencies,
            "eine geöffnete Agentur gehört zu ihr",
            "geöffnete Agenturen gehören zu ihr",
            "legen Sie sie zuerst mit Agenturen einer anderen Regionaldirektion zusammen",
        ),
        (
            &u.role_holders,
            "ein Benutzerkonto hat eine Rolle für sie",
            "Benutzerkonten haben eine Rolle für sie",
            "entziehen Sie die Rolle zuerst in der Benutzerverwaltung",
        ),
        (
            &u.directives,
            "eine Weisung gilt für sie",
            "Weisungen gelten für sie",
            "ändern Sie zuerst den Geltungsbereich",
        ),
        (
            &u.open_orders,
            "ein offener Auftrag liegt bei ihr",
            "offene Aufträge liegen bei ihr",
            "vorher umsetzen, ablehnen oder zurückziehen",
        ),
    ];
    let what: Vec<String> = parts
        .iter()
        .filter(|(items, ..)| !items.is_empty())
        .map(|(items, one, many, todo)| {
            format!(
                "{} ({}) – {todo}",
                counted(items.len(), one, many),
                items.join(", ")
            )
        })
        .collect();
    if what.is_empty() {
        return None;
    }
    Some(format!(
        "Die Regionaldirektion „{name}“ kann nicht deaktiviert werden: {}.",
        what.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_rd_nothing_depends_on_may_be_deactivated() {
        assert_eq!(deactivation_refusal("Nord", &RegionUses::default()), None);
    }

    #[test]
    fn the_refusal_names_every_dependency_with_what_to_do() {
        let one = RegionUses {
            open_agencies: vec!["Agentur für Arbeit Kiel".into()],
            role_holders: vec!["RD Nord (rd-nord)".into()],
            directives: vec!["202509011 Routing".into()],
            open_orders: vec!["ÄA-2026-000001".into()],
        };
        let m = deactivation_refusal("Nord", &one).unwrap();
        assert!(m.starts_with("Die Regionaldirektion „Nord“ kann nicht deaktiviert werden: eine geöffnete Agentur gehört zu ihr (Agentur für Arbeit Kiel)"), "{m}");
        assert!(
            m.contains(
                "ein Benutzerkonto hat eine Rolle für sie (RD Nord (rd-nord)) – entziehen Sie"
            ),
            "{m}"
        );
        assert!(
            m.contains("eine Weisung gilt für sie (202509011 Routing)"),
            "{m}"
        );
        assert!(
            m.contains("ein offener Auftrag liegt bei ihr (ÄA-2026-000001)"),
            "{m}"
        );
        let many = RegionUses {
            open_agencies: vec!["A".into(), "B".into()],
            ..RegionUses::default()
        };
        let m = deactivation_refusal("Nord", &many).unwrap();
        assert!(
            m.contains("2 geöffnete Agenturen gehören zu ihr (A, B)"),
            "{m}"
        );
        assert!(!m.contains("Benutzerkonto"), "{m}");
    }
}
