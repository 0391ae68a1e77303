using Microsoft.Data.Sqlite;

namespace Bot.Retrieval.Index;

// Writing: an index update (documents replaced or removed, chunks, terms and vectors) in one transaction, and the folder stamp.
public sealed partial class SqliteKnowledgeIndex
{
    public async Task RecordFolderStampAsync(string stamp, CancellationToken cancellationToken = default)
    {
        await writeGate.WaitAsync(cancellationToken);
        try
        {
            var db = writeConnection ??= Connection(shared: false);
            using var command = Command(db, null, "INSERT OR REPLACE INTO meta(key, value) VALUES ($k, $v)");
            command.Bind(("$k", FolderStampKey), ("$v", stamp));
            command.ExecuteNonQuery();
        }
        finally
        {
            writeGate.Release();
        }
    }

    public async Task ApplyAsync(IndexUpdate update, CancellationToken cancellationToken = default)
    {
        await writeGate.WaitAsync(cancellationToken);
        try
        {
            var db = writeConnection ??= Connection(shared: false);
            using var transaction = db.BeginTransaction(deferred: false);
            if (update.ReplaceAll)
            {
                SqliteSchema.Execute(db, "DELETE FROM chunk_terms; DELETE FROM chunk_vectors; DELETE FROM chunks; DELETE FROM documents; DELETE FROM terms;", transaction);
            }

            foreach (var id in update.Removals.Concat(update.UpsertIds))
            {
                cancellationToken.ThrowIfCancellationRequested();
                DeleteDocument(db, transaction, id);
            }

            using var insertDoc = Command(db, transaction,
                "INSERT INTO documents(id, title, source, hash, chunk_count) VALUES ($id, $title, $source, $hash, $count)");
            using var insertChunk = Command(db, transaction, """
                INSERT INTO chunks(id, document_id, ordinal, title, section, para_start, para_end, char_start, char_end, page_start, page_end, text, ocr)
                VALUES ($id, $doc, $ordinal, $title, $section, $ps, $pe, $cs, $ce, $pgs, $pge, $text, $ocr) RETURNING key
                """);
            // Terms and vectors live in tables of their own, so loading them for search reads no chunk text.
            using var insertTerms = Command(db, transaction, "INSERT INTO chunk_terms(key, terms) VALUES ($key, $terms)");
            using var insertVector = Command(db, transaction, "INSERT INTO chunk_vectors(key, vector) VALUES ($key, $vector)");
            var termIds = TermIds(db, transaction);
            int nextTermId = termIds.Count == 0 ? 0 : termIds.Values.Max() + 1;
            using var insertTerm = Command(db, transaction, "INSERT INTO terms(id, term) VALUES ($id, $term)");
            int Id(string term)
            {
                if (termIds.TryGetValue(term, out var id)) return id;
                id = nextTermId++;
                termIds[term] = id;
                insertTerm.Bind(("$id", id), ("$term", term));
                insertTerm.ExecuteNonQuery();
                return id;
            }

            await foreach (var upsert in update.Upserts.WithCancellation(cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var doc = upsert.Document;
                insertDoc.Bind(("$id", doc.Id), ("$title", doc.Title), ("$source", doc.Source), ("$hash", doc.ContentHash), ("$count", upsert.Chunks.Count));
                insertDoc.ExecuteNonQuery();
                foreach (var indexed in upsert.Chunks)
                {
                    var c = indexed.Chunk;
                    var terms = TermCodec.Encode(indexed.Terms.GroupBy(t => t, StringComparer.Ordinal)
                        .Select(g => (Id(g.Key), g.Count())).ToList());
                    insertChunk.Bind(("$id", c.Id), ("$doc", c.DocumentId), ("$ordinal", c.Ordinal), ("$title", c.Title), ("$section", c.Section),
                        ("$ps", c.ParagraphStart), ("$pe", c.ParagraphEnd), ("$cs", c.CharStart), ("$ce", c.CharEnd),
                        ("$pgs", c.PageStart), ("$pge", c.PageEnd), ("$text", c.Text), ("$ocr", c.Ocr ? 1 : 0));
                    var key = Convert.ToInt64(insertChunk.ExecuteScalar());
                    insertTerms.Bind(("$key", key), ("$terms", terms));
                    insertTerms.ExecuteNonQuery();
                    insertVector.Bind(("$key", key), ("$vector", VectorCodec.Encode(indexed.Vector)));
                    insertVector.ExecuteNonQuery();
                }
            }

            // What the folder was is no longer known to match: the indexer records it again once it does.
            using (var forget = Command(db, transaction, "DELETE FROM meta WHERE key = $k"))
            {
                forget.Bind(("$k", FolderStampKey));
                forget.ExecuteNonQuery();
            }

            using var meta = Command(db, transaction, "INSERT OR REPLACE INTO meta(key, value) VALUES ($k, $v)");
            foreach (var (key, value) in new[]
                     {
                         ("embedding_model", update.EmbeddingModel), ("analyzer", update.AnalyzerFingerprint),
                         ("indexed_at", time.GetUtcNow().ToString("O")),
                         ("generation", (long.Parse(ReadMeta(db, transaction).GetValueOrDefault("generation", "0")) + 1).ToString()),
                     })
            {
                meta.Bind(("$k", key), ("$v", value));
                meta.ExecuteNonQuery();
            }

            transaction.Commit();
            // A large update leaves a large write-ahead log behind: fold it into the file so the disk holds one index, not two.
            SqliteSchema.Execute(db, "PRAGMA wal_checkpoint(TRUNCATE);");
            // The page cache filled while the update was written (up to 64 MB) is handed back: it is not needed until the next update.
            SqliteSchema.Execute(db, "PRAGMA shrink_memory;");
        }
        finally
        {
            writeGate.Release();
        }
    }

    private static Dictionary<string, int> TermIds(SqliteConnection db, SqliteTransaction transaction)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        using var command = Command(db, transaction, "SELECT id, term FROM terms");
        using var reader = command.ExecuteReader();
        while (reader.Read()) ids[reader.GetString(1)] = reader.GetInt32(0);
        return ids;
    }

    private static void DeleteDocument(SqliteConnection db, SqliteTransaction transaction, string id)
    {
        using var delete = Command(db, transaction, """
            DELETE FROM chunk_terms WHERE key IN (SELECT key FROM chunks WHERE document_id = $id);
            DELETE FROM chunk_vectors WHERE key IN (SELECT key FROM chunks WHERE document_id = $id);
            DELETE FROM chunks WHERE document_id = $id; DELETE FROM documents WHERE id = $id;
            """);
        delete.Bind(("$id", id));
        delete.ExecuteNonQuery();
    }
}
