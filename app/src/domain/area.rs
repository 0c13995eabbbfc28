//! A Bereich (Eingangszone, Leistungsgewährung, …) is deactivated only once nothing
//! active uses it any more; its code and name follow `org_form`.

/// What still uses a Bereich.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AreaUses {
    /// Active mailboxes of the Bereich.
    pub mailboxes: i64,
    /// Active Anliegen routed to it by default.
    pub concerns: i64,
    /// Postkörbe of open Dienststellen.
    pub postkoerbe: i64,
}

/// Why the Bereich cannot be deactivated yet; `None` when nothing uses it.
pub fn deactivation_refusal(name: &str, uses: AreaUses) -> Option<String> {
    let count = |n: i64, one: &str, many: &str| match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {many}")),
    };
    let what: Vec<String> = [
        count(uses.mailboxes, "aktives Postfach", "aktive Postfächer"),
        count(uses.concerns, "aktives Anliegen", "aktive Anliegen"),
        count(uses.postkoerbe, "Postkorb", "Postkörbe"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if what.is_empty() {
        return None;
    }
    Some(format!(
        "Der Bereich „{name}“ wird noch verwendet ({}) und kann erst deaktiviert werden, wenn diese einem anderen Bereich zugeordnet oder deaktiviert sind.",
        what.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deactivation_waits_until_nothing_uses_the_bereich() {
        assert_eq!(deactivation_refusal("EZ", AreaUses::default()), None);
        let refusal = deactivation_refusal(
            "Eingangszone",
            AreaUses {
                mailboxes: 3,
                concerns: 1,
                postkoerbe: 0,
            },
        )
        .unwrap();
        assert!(
            refusal.contains("(3 aktive Postfächer, 1 aktives Anliegen)"),
            "{refusal}"
        );
    }
}
