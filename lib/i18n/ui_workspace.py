"""Words of the workspace kept safe (lib/workspace.py, lib/backup.py, lib/integrity.py) and of the
Settings panel that checks, backs up and restores it (lib/ui/workspace_panel.py)."""

UI: dict[str, tuple[str, str]] = {
    # lib/workspace.py WorkspaceError codes
    "workspace.read_only": (
        "L'area di lavoro {home} è aperta in sola lettura: non si può salvare nulla.",
        "The workspace {home} is open read-only: nothing can be saved.",
    ),
    "workspace.read_only_missing": (
        "L'area di lavoro è in sola lettura e non ha un archivio {file} da mostrare.",
        "The workspace is read-only and has no catalogue {file} to show.",
    ),
    "workspace.read_only_old": (
        "L'archivio {file} è di una versione precedente e va aggiornato, ma l'area di lavoro è in sola "
        "lettura: aprila con permessi di scrittura una volta.",
        "The catalogue {file} is from an older version and must be upgraded, but the workspace is read-only: "
        "open it once with write access.",
    ),
    "workspace.newer_schema": (
        "L'archivio {file} è stato scritto da una versione più recente di Sollecito (schema {version}, questa "
        "conosce fino al {known}): aggiorna Sollecito per aprirlo.",
        "The catalogue {file} was written by a newer version of Sollecito (schema {version}, this one knows up "
        "to {known}): update Sollecito to open it.",
    ),
    "workspace.unreachable": (
        "Il database {url} non risponde ({reason}): riprova tra poco, o chiedi a chi gestisce il server.",
        "The database {url} does not answer ({reason}): try again shortly, or ask whoever runs the server.",
    ),
    "workspace.damaged_db": (
        "L'archivio {file} è danneggiato e non si può leggere: ripristina un backup con 'python -m lib restore FILE'.",
        "The catalogue {file} is damaged and cannot be read: restore a backup with 'python -m lib restore FILE'.",
    ),
    "workspace.damaged_db_backup": (
        "L'archivio {file} è danneggiato e non si può leggere: ripristina il backup {backup} con "
        "'python -m lib restore {backup}'.",
        "The catalogue {file} is damaged and cannot be read: restore the backup {backup} with "
        "'python -m lib restore {backup}'.",
    ),
    "workspace.server_backup": (
        "L'area di lavoro è nel database {url}: si salva con pg_dump e si ripristina con pg_restore sul server "
        "(o se ne fa una copia in una cartella con 'python -m lib workspace copy --to CARTELLA').",
        "The workspace is in the database {url}: back it up with pg_dump and restore it with pg_restore on the "
        "server (or copy it into a folder with 'python -m lib workspace copy --to FOLDER').",
    ),
    "workspace.copy_refused": (
        "Copia non eseguita: {reason}.",
        "Nothing was copied: {reason}.",
    ),
    "workspace.folder_exists": (
        "La cartella {folder} esiste già e non appartiene a nessuna fotografia salvata: non è stata toccata, "
        "riprova il salvataggio.",
        "The folder {folder} already exists and belongs to no saved snapshot: it was left as it is; save again.",
    ),
    "workspace.backup_damaged": (
        "Il file {file} non è un backup di Sollecito integro: l'area di lavoro non è stata toccata.",
        "The file {file} is not a whole Sollecito backup: the workspace was left as it was.",
    ),
    "workspace.backup_newer": (
        "Il backup {file} è di una versione più recente di Sollecito (schema {version}, questa conosce fino "
        "al {known}): l'area di lavoro non è stata toccata.",
        "The backup {file} is from a newer version of Sollecito (schema {version}, this one knows up to "
        "{known}): the workspace was left as it was.",
    ),
    "workspace.left_out": (
        "Fotografie danneggiate lasciate fuori (Impostazioni → Dati per controllarle): {names}.",
        "Damaged snapshots left out (Settings → Data to check them): {names}.",
    ),
    # lib/integrity.py Problem codes
    "check.database": ("L'archivio {path} non è integro: {detail}", "The catalogue {path} is not whole: {detail}"),
    "check.missing_folder": (
        "La fotografia #{id} non ha la sua cartella {path}.",
        "Snapshot #{id} has no folder {path}.",
    ),
    "check.missing_file": ("Alla fotografia #{id} manca il file {path}.", "Snapshot #{id} lacks the file {path}."),
    "check.damaged_file": (
        "Il file {path} della fotografia #{id} è danneggiato ({detail}).",
        "The file {path} of snapshot #{id} is damaged ({detail}).",
    ),
    "check.orphan_folder": (
        "La cartella {path} non appartiene a nessuna fotografia dell'archivio (lasciata com'è).",
        "The folder {path} belongs to no snapshot of the catalogue (left as it is).",
    ),
    # the Settings panel (lib/ui/workspace_panel.py)
    "settings.tab_data": ("Dati", "Data"),
    "data.where": ("L'area di lavoro è in {home}.", "The workspace is in {home}."),
    "data.server_backup": (
        "L'area di lavoro è in un database PostgreSQL condiviso: il backup e il ripristino si fanno sul server "
        "con pg_dump e pg_restore (vedi il README, 'Running it for a team').",
        "The workspace is in a shared PostgreSQL database: it is backed up and restored on the server with "
        "pg_dump and pg_restore (see the README, 'Running it for a team').",
    ),
    "data.read_only": (
        "Aperta in sola lettura: puoi consultarla e scaricarne un backup, non modificarla.",
        "Open read-only: you can view it and download a backup, not change it.",
    ),
    "data.check": ("Controlla l'area di lavoro", "Check the workspace"),
    "data.check_button": ("Controlla", "Check"),
    "data.check_ok": ("Nessun problema trovato.", "Nothing is wrong."),
    "data.remove": ("Rimuovi la fotografia #{id}", "Remove snapshot #{id}"),
    "data.removed": ("Fotografia #{id} rimossa.", "Snapshot #{id} removed."),
    "data.backup": ("Backup", "Backup"),
    "data.backup_help": (
        "Un unico file con l'archivio, le fotografie e il registro delle azioni: conservalo fuori da questo computer.",
        "One file with the catalogue, the snapshots and the action log: keep it off this computer.",
    ),
    "data.backup_download": ("Scarica il backup", "Download the backup"),
    "data.restore": ("Ripristina un backup", "Restore a backup"),
    "data.restore_help": (
        "Sostituisce l'intera area di lavoro con quella del backup; se il file non va bene, nulla cambia.",
        "Replaces the whole workspace with the backup's; if the file is not right, nothing changes.",
    ),
    "data.restore_button": ("Ripristina questo backup", "Restore this backup"),
    "data.restored": ("Backup ripristinato: {snapshots} fotografie.", "Backup restored: {snapshots} snapshots."),
}
