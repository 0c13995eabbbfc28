//! The version chain every entry of every kind keeps: numbered 1, 2, 3 … without gaps,
//! never changed once written, exactly one live. The database enforces the same with a
//! partial unique index and immutability triggers per kind; this is the rule as a model.

use super::ConfigKind;
use time::OffsetDateTime;

/// One version of an entry, valid from its start until the next version's start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version<V> {
    pub number: u32,
    pub values: V,
    pub valid_from: OffsetDateTime,
    pub valid_until: Option<OffsetDateTime>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum VersionError {
    #[error("Der Eintrag wurde inzwischen geändert: Grundlage war Version {base}, gültig ist Version {live}. Bitte aktualisieren Sie den Auftrag.")]
    StaleBase { base: u32, live: u32 },
    #[error("Die Änderung ändert nichts an der gültigen Version.")]
    NoChange,
    #[error("Eine neue Version kann nicht vor der gültigen beginnen.")]
    BeforeLive,
}

/// The versions of one entry of kind `K`.
pub struct History<K: ConfigKind> {
    versions: Vec<Version<K::Values>>,
}

impl<K: ConfigKind> History<K> {
    /// Version 1 ("Ausgangskonfiguration").
    pub fn new(values: K::Values, at: OffsetDateTime) -> Self {
        Self {
            versions: vec![Version {
                number: 1,
                values,
                valid_from: at,
                valid_until: None,
            }],
        }
    }

    pub fn versions(&self) -> &[Version<K::Values>] {
        &self.versions
    }

    pub fn live(&self) -> &Version<K::Values> {
        self.versions
            .last()
            .expect("a history has at least version 1")
    }

    /// Writes a new live version if `base` is still the live one (optimistic check).
    pub fn apply(
        &mut self,
        base: u32,
        values: K::Values,
        at: OffsetDateTime,
    ) -> Result<u32, VersionError> {
        let live = self.live();
        if live.number != base {
            return Err(VersionError::StaleBase {
                base,
                live: live.number,
            });
        }
        if K::diff(&live.values, &values).is_empty() {
            return Err(VersionError::NoChange);
        }
        if at < live.valid_from {
            return Err(VersionError::BeforeLive);
        }
        let number = live.number + 1;
        self.versions.last_mut().expect("non-empty").valid_until = Some(at);
        self.versions.push(Version {
            number,
            values,
            valid_from: at,
            valid_until: None,
        });
        Ok(number)
    }

    /// The version that was live at `at`, if the entry existed then.
    pub fn as_of(&self, at: OffsetDateTime) -> Option<&Version<K::Values>> {
        self.versions
            .iter()
            .find(|v| v.valid_from <= at && v.valid_until.is_none_or(|until| at < until))
    }

    /// Contiguous numbering, adjacent validity intervals, exactly one live version.
    pub fn is_consistent(&self) -> bool {
        let numbered = self
            .versions
            .iter()
            .enumerate()
            .all(|(i, v)| v.number as usize == i + 1);
        let adjacent = self.versions.windows(2).all(|w| {
            w[0].valid_until == Some(w[1].valid_from) && w[0].valid_from <= w[1].valid_from
        });
        let one_live = self
            .versions
            .iter()
            .filter(|v| v.valid_until.is_none())
            .count()
            == 1
            && self.live().valid_until.is_none();
        numbered && adjacent && one_live
    }
}

/// Who wrote a version, as every kind's history shows it: the order's author and its
/// implementer, or the data migration for versions no order wrote.
pub fn written_by(author: Option<String>, implemented_by: Option<String>) -> String {
    match (author, implemented_by) {
        (Some(a), Some(i)) => format!("{a}; umgesetzt von {i}"),
        (Some(a), None) => a,
        (None, _) => "zentral / Datenübernahme".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::written_by;

    #[test]
    fn a_version_names_its_author_and_implementer_or_the_migration() {
        let name = |s: &str| Some(s.to_string());
        assert_eq!(
            written_by(name("Anna Agentur"), name("Rita RIM")),
            "Anna Agentur; umgesetzt von Rita RIM"
        );
        assert_eq!(written_by(name("Anna Agentur"), None), "Anna Agentur");
        assert_eq!(
            written_by(None, name("Rita RIM")),
            "zentral / Datenübernahme"
        );
    }
}
