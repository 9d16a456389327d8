"""UI words of saving safely: a save the store refused, a settings form saved over another's change."""

UI: dict[str, tuple[str, str]] = {
    "safety.busy": (
        "Non salvato: l'archivio è occupato ({error}). Quanto hai scritto resta qui: riprova.",
        "Not saved: the workspace is busy ({error}). What you typed is kept: try again.",
    ),
    "safety.not_saved": (
        "Non salvato: l'archivio non accetta la modifica ({error}). Quanto hai scritto resta qui: riprova.",
        "Not saved: the workspace refused the change ({error}). What you typed is kept: try again.",
    ),
    "safety.policy_changed": (
        "Le regole di sollecito sono state modificate e salvate altrove (un'altra scheda?) dopo che hai aperto "
        "questo modulo: le tue non sono state salvate. Ecco le due versioni dove differiscono: scegli quale tenere.",
        "The policy was changed since this form was drawn (in another tab?): yours was not saved. "
        "Here are both versions where they differ: choose which to keep.",
    ),
    "safety.yours": ("Le tue (in questo modulo)", "Yours (on this form)"),
    "safety.saved": ("Quelle salvate", "The saved one"),
    "safety.save_mine": ("Salva le mie al loro posto", "Save mine over it"),
    "safety.take_saved": ("Usa quelle salvate", "Take the saved one"),
}
