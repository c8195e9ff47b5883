package cli

import (
	"context"
	"fmt"
	"os"
)

func runBackup(ctx context.Context, env Env, args []string) int {
	fs, dbFlag := newFlags(env, "backup", "FILE",
		"Write a consistent copy of the archive to FILE, which must not exist yet. The desktop app\n"+
			"and imports may go on meanwhile; the copy holds the archive as it was when the backup began.\n"+
			"To restore, open the copy with --db, or copy it over the archive while Clippings is closed")
	if ok, status := parse(fs, args); !ok {
		return status
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(env.Stderr, "clippings backup: name the one FILE to write the copy to")
		fs.Usage()
		return ExitUsage
	}
	dest := fs.Arg(0)
	store, ok := openStore(ctx, env, *dbFlag, reads)
	if !ok {
		return ExitUsage
	}
	defer store.Close()
	if err := store.Backup(ctx, dest); err != nil {
		fmt.Fprintf(env.Stderr, "clippings backup: %v\n", err)
		return ExitFailed
	}
	size := ""
	if st, err := os.Stat(dest); err == nil {
		size = " (" + humanBytes(st.Size()) + ")"
	}
	fmt.Fprintf(env.Stdout, "backed up %s to %s%s\n", store.Path(), dest, size)
	return ExitOK
}
