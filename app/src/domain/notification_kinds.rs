//! Weisung 202509011: notification addresses must be a Funktions- or
//! Organisationspostfach. The mailbox catalogue knows the kind of its own addresses; an
//! address it knows as another kind is refused, one it does not know is allowed but
//! flagged for the reviewer (external and personal addresses cannot be told apart here).

use super::fields::FieldError;
use super::org::MailboxKind;

/// The catalogue's kind of each address it knows. Keys are lower-case: addresses compare
/// without regard to case.
#[derive(Clone, Debug, Default)]
pub struct KnownKinds {
    kinds: Vec<(String, MailboxKind)>,
    inactive: Vec<String>,
}

impl KnownKinds {
    pub fn new(known: impl IntoIterator<Item = (String, MailboxKind)>) -> Self {
        Self {
            kinds: known
                .into_iter()
                .map(|(address, kind)| (address.to_lowercase(), kind))
                .collect(),
            inactive: Vec::new(),
        }
    }

    /// Marks addresses of deactivated mailboxes: they are not notified any more.
    pub fn with_inactive(mut self, inactive: impl IntoIterator<Item = String>) -> Self {
        self.inactive = inactive.into_iter().map(|a| a.to_lowercase()).collect();
        self
    }

    pub fn kind_of(&self, address: &str) -> Option<MailboxKind> {
        let key = address.to_lowercase();
        self.kinds.iter().find(|(a, _)| *a == key).map(|(_, k)| *k)
    }

    pub fn is_inactive(&self, address: &str) -> bool {
        let key = address.to_lowercase();
        self.inactive.contains(&key)
    }
}

/// The key to look an address up by in the catalogue.
pub fn lookup_key(address: &str) -> String {
    address.to_lowercase()
}

/// Refuses addresses the catalogue knows as a Team- or Liegenschaftspostfach, and those
/// of deactivated mailboxes, naming each.
pub fn check_address_kinds<'a>(
    addresses: impl IntoIterator<Item = &'a str>,
    known: &KnownKinds,
) -> Result<(), FieldError> {
    let addresses: Vec<&str> = addresses.into_iter().collect();
    let wrong: Vec<String> = addresses
        .iter()
        .filter_map(|a| match known.kind_of(a) {
            Some(kind) if !kind.may_be_notified() => {
                Some(format!("„{a}“ ist ein {}", kind.label()))
            }
            _ => None,
        })
        .collect();
    let inactive: Vec<String> = addresses
        .iter()
        .filter(|a| known.is_inactive(a))
        .map(|a| format!("„{a}“ ist deaktiviert und wird nicht mehr benachrichtigt."))
        .collect();
    let mut message = Vec::new();
    if !wrong.is_empty() {
        message.push(format!(
            "{}. Benachrichtigungsadressen müssen Funktions- oder Organisationspostfächer sein (Weisung 202509011).",
            wrong.join("; ")
        ));
    }
    message.extend(inactive);
    if message.is_empty() {
        return Ok(());
    }
    Err(FieldError::new("adressen", message.join(" ")))
}

/// The addresses an item adds that the catalogue does not know, in the item's order.
pub fn unknown_added<S: AsRef<str>>(live: &[S], proposed: &[S], known: &KnownKinds) -> Vec<String> {
    proposed
        .iter()
        .map(AsRef::as_ref)
        .filter(|a| !live.iter().any(|l| l.as_ref().eq_ignore_ascii_case(a)))
        .filter(|a| known.kind_of(a).is_none())
        .map(str::to_string)
        .collect()
}

/// The flag shown beside an item's new addresses.
pub fn unknown_flag(unknown: &[String]) -> Option<String> {
    (!unknown.is_empty()).then(|| {
        format!(
            "Nicht im Postfachverzeichnis, bitte prüfen: {}",
            unknown.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> KnownKinds {
        KnownKinds::new([
            (
                "kiel.eingangszone@arbeitsagentur.de".into(),
                MailboxKind::Function,
            ),
            (
                "kiel.service-center@arbeitsagentur.de".into(),
                MailboxKind::Organisation,
            ),
            (
                "Kiel.Team-Eingangszone@arbeitsagentur.de".into(),
                MailboxKind::Team,
            ),
            (
                "kiel.liegenschaft@arbeitsagentur.de".into(),
                MailboxKind::Building,
            ),
        ])
    }

    #[test]
    fn addresses_of_deactivated_mailboxes_are_refused() {
        let known = known().with_inactive(["KIEL.EINGANGSZONE@arbeitsagentur.de".to_string()]);
        let e = check_address_kinds(["kiel.eingangszone@arbeitsagentur.de"], &known).unwrap_err();
        assert_eq!(
            e.message,
            "„kiel.eingangszone@arbeitsagentur.de“ ist deaktiviert und wird nicht mehr benachrichtigt."
        );
        assert!(check_address_kinds(["kiel.service-center@arbeitsagentur.de"], &known).is_ok());
    }

    #[test]
    fn function_and_organisation_mailboxes_and_unknown_addresses_pass() {
        let ok = [
            "kiel.eingangszone@arbeitsagentur.de",
            "KIEL.service-center@arbeitsagentur.de",
            "jemand.anderes@arbeitsagentur.de",
        ];
        assert_eq!(check_address_kinds(ok, &known()), Ok(()));
    }

    #[test]
    fn team_and_building_mailboxes_are_refused_by_name_and_kind() {
        let e = check_address_kinds(
            [
                "kiel.eingangszone@arbeitsagentur.de",
                "kiel.team-eingangszone@arbeitsagentur.de",
                "kiel.liegenschaft@arbeitsagentur.de",
            ],
            &known(),
        )
        .unwrap_err();
        assert_eq!(e.field, "adressen");
        assert_eq!(
            e.message,
            "„kiel.team-eingangszone@arbeitsagentur.de“ ist ein Teampostfach; \
             „kiel.liegenschaft@arbeitsagentur.de“ ist ein Liegenschaftspostfach. \
             Benachrichtigungsadressen müssen Funktions- oder Organisationspostfächer sein (Weisung 202509011)."
        );
    }

    #[test]
    fn only_added_unknown_addresses_are_flagged() {
        let live = [
            "alt.unbekannt@arbeitsagentur.de",
            "kiel.eingangszone@arbeitsagentur.de",
        ];
        let proposed = [
            "ALT.unbekannt@arbeitsagentur.de",
            "kiel.eingangszone@arbeitsagentur.de",
            "neu.unbekannt@arbeitsagentur.de",
            "kiel.service-center@arbeitsagentur.de",
        ];
        assert_eq!(
            unknown_added(&live, &proposed, &known()),
            ["neu.unbekannt@arbeitsagentur.de"]
        );
        assert_eq!(unknown_flag(&[]), None);
        assert_eq!(
            unknown_flag(&["a@x.de".into(), "b@x.de".into()]).unwrap(),
            "Nicht im Postfachverzeichnis, bitte prüfen: a@x.de, b@x.de"
        );
    }
}
