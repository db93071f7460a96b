package io.precis.api;

/**
 * Request and response examples for the OpenAPI document, taken from the seed articles the service was specified
 * from, so that "Try it out" in Swagger UI works as it stands.
 */
public final class ApiExamples {

    /** The clean seed article (Anchorage summit, August 2025). */
    public static final String ARTICLE_JSON = """
            "Photo d'illustration : Reuters / Jorge Silva\\n\\nLe président russe Vladimir Poutine et le président américain Donald Trump se sont retrouvés ce vendredi à Anchorage, en Alaska, pour un nouvel échange bilatéral. Les deux dirigeants, entourés de leurs ministres, abordent plusieurs dossiers sensibles dans un cadre confidentiel.\\n\\nUn tête-à-tête discret avant les échanges élargis\\n\\nÀ leur arrivée quasi simultanée à Anchorage, Vladimir Poutine et Donald Trump ont brièvement échangé sur le tapis rouge avant de s’installer ensemble dans la voiture présidentielle américaine. Ce court moment en tête-à-tête a précédé la séance officielle, organisée dans une salle de la base militaire Elmendorf-Richardson, décorée du drapeau russe et de la bannière étoilée.\\n\\nLes discussions se déroulent à huis clos, en présence de deux ministres de chaque camp. Côté russe, participent l’assistant présidentiel Iouri Ouchakov et le ministre des Affaires étrangères Sergueï Lavrov ; côté américain, le secrétaire d’État Marco Rubio et l’envoyé spécial Steve Witcoff. Cette configuration, peu courante, traduit la volonté des deux pays de limiter la médiatisation des échanges.\\n\\nDes délégations élargies et un possible dialogue à trois\\n\\nAu fil de la journée, les présidents devraient être rejoints par d’autres responsables, notamment le ministre russe des Finances Anton Silouanov, le ministre de la Défense Andreï Belooussov et l’envoyé spécial Kirill Dmitriev, chargé des coopérations économiques internationales. L’initiative s’inscrit dans une série de contacts diplomatiques qui pourraient inclure de futurs participants.\\n\\nEn amont de la rencontre, Donald Trump a évoqué auprès d’un média américain la possibilité qu’un prochain rendez-vous réunisse Vladimir Poutine et le président ukrainien Volodymyr Zelenski, avec sa propre participation éventuelle. Une perspective qui, si elle se concrétisait, marquerait une étape notable dans la gestion de la guerre en Ukraine et pourrait ouvrir la voie à des discussions tripartites plus larges.\\n\\nLa rencontre d’Anchorage illustre la volonté affichée des deux puissances de maintenir un canal direct de communication sur les grands dossiers internationaux.\"""";

    /** The articleHash of the examples' article (ARTICLE_JSON's text, also examples/article.txt). */
    public static final String ARTICLE_HASH = "467881fd38bf374375fea129268b9369e7fd30fc28c1865d02a860bc1d434d2d";

    /** A French summary only: works with every provider, extractive included, and while the model is not ready. */
    public static final String DIGEST_FR = "{\"text\": " + ARTICLE_JSON
            + ", \"summaryLanguage\": \"fr\", \"summaryLength\": \"short\", \"translate\": false}";

    /** An English summary and translation: needs a language model (LLM_PROVIDER=openai or ollama). */
    public static final String DIGEST_EN = "{\"text\": " + ARTICLE_JSON
            + ", \"title\": \"Poutine et Trump se retrouvent à Anchorage\", \"summaryLanguage\": \"en\","
            + " \"targetLanguage\": \"en\", \"summaryLength\": \"medium\", \"translate\": true}";

    /** A summary request. */
    public static final String SUMMARY_FR = "{\"text\": " + ARTICLE_JSON
            + ", \"language\": \"fr\", \"length\": \"medium\"}";

    /** A translation request; needs a language model. */
    public static final String TRANSLATION_EN = "{\"text\": " + ARTICLE_JSON + ", \"targetLanguage\": \"en\"}";

    /** The scraped seed article as text/plain, page furniture included. */
    public static final String SCRAPED_TEXT = """
            Nous rejoindre sur les réseaux
            
            Monde
            
            Trump et Poutine scellent un dialogue inédit en terre alaskienne
            
            Article
            
            le
            
            Les deux dirigeants ont engagé des discussions approfondies sur le conflit ukrainien, affichant un ton résolument apaisé à l’issue de leur entrevue.
            
            Ce vendredi, la base militaire d’Elmendorf-Richardson, située près d’Anchorage, a servi de cadre à une rencontre hautement symbolique entre les présidents américain et russe. Pour la première fois en six ans, Donald Trump et Vladimir Poutine ont échangé en tête-à-tête, marquant ainsi une étape notable dans leurs relations bilatérales. Accueilli par son homologue sous les protocoles d’usage, le chef du Kremlin a ensuite partagé le véhicule officiel avec l’ancien locataire de la Maison-Blanche avant de s’isoler pour près de trois heures de pourparlers.
            
            Les déclarations post-sommet ont souligné une atmosphère cordiale, les deux hommes qualifiant leurs échanges de « constructifs ». Le dirigeant russe a évoqué une volonté de « tracer une voie vers la paix » concernant le dossier ukrainien, insistant sur la nécessité de garantir la sécurité du pays tout en appelant les Européens à ne pas entraver les efforts diplomatiques. De son côté, Donald Trump a salué des avancées significatives, précisant qu’il s’entretiendrait prochainement avec Volodymyr Zelensky pour lui rendre compte des discussions.
            
            Si des rumeurs évoquaient la possibilité d’une rencontre tripartite incluant le président ukrainien, aucune annonce formelle n’a filtré à l’issue des discussions. Les questions sensibles, telles qu’un éventuel cessez-le-feu ou une évolution sur le terrain militaire, sont restées en suspens. Cette rencontre, bien que dépourvue d’engagements concrets, aura néanmoins permis de rétablir un canal de communication direct entre Washington et Moscou, dans un contexte international particulièrement tendu.
            
            Click to comment
            
            Laisser un commentaire
            
            Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *
            
            Les + Lus""";

    /**
     * The clean seed article as a news page, with the furniture pages have around an article: navigation, a share
     * bar, a cookie banner, related links, comments. Its article has the same hash as the seed's text.
     */
    public static final String PAGE_HTML = """
            <!DOCTYPE html>
            <html lang="fr">
            <head>
            <meta charset="utf-8">
            <title>Poutine et Trump se retrouvent à Anchorage - Le Quotidien</title>
            <meta property="og:title" content="Poutine et Trump se retrouvent à Anchorage">
            <meta property="og:site_name" content="Le Quotidien">
            <meta name="author" content="Marie Dupont">
            <meta property="article:published_time" content="2025-08-15T18:30:00+02:00">
            <script>window.analytics = {page: "article"};</script>
            </head>
            <body>
            <div class="cookie-banner">Nous utilisons des cookies pour améliorer votre expérience. <button>Accepter</button></div>
            <nav><a href="/">Accueil</a> <a href="/monde">Monde</a> <a href="/politique">Politique</a></nav>
            <article>
            <h1>Poutine et Trump se retrouvent à Anchorage</h1>
            <p class="byline">Par Marie Dupont, le 15 août 2025</p>
            <div class="share-bar"><a href="#">Partager sur Facebook</a> <a href="#">Partager sur X</a></div>
            <figure><img src="sommet.jpg" alt=""><figcaption>Photo d'illustration : Reuters / Jorge Silva</figcaption></figure>
            <p>Le président russe Vladimir Poutine et le président américain Donald Trump se sont retrouvés ce vendredi à Anchorage, en Alaska, pour un nouvel échange bilatéral. Les deux dirigeants, entourés de leurs ministres, abordent plusieurs dossiers sensibles dans un cadre confidentiel.</p>
            <h2>Un tête-à-tête discret avant les échanges élargis</h2>
            <p>À leur arrivée quasi simultanée à Anchorage, Vladimir Poutine et Donald Trump ont brièvement échangé sur le tapis rouge avant de s’installer ensemble dans la voiture présidentielle américaine. Ce court moment en tête-à-tête a précédé la séance officielle, organisée dans une salle de la base militaire Elmendorf-Richardson, décorée du drapeau russe et de la bannière étoilée.</p>
            <p>Les discussions se déroulent à huis clos, en présence de deux ministres de chaque camp. Côté russe, participent l’assistant présidentiel Iouri Ouchakov et le ministre des Affaires étrangères Sergueï Lavrov ; côté américain, le secrétaire d’État Marco Rubio et l’envoyé spécial Steve Witcoff. Cette configuration, peu courante, traduit la volonté des deux pays de limiter la médiatisation des échanges.</p>
            <h2>Des délégations élargies et un possible dialogue à trois</h2>
            <p>Au fil de la journée, les présidents devraient être rejoints par d’autres responsables, notamment le ministre russe des Finances Anton Silouanov, le ministre de la Défense Andreï Belooussov et l’envoyé spécial Kirill Dmitriev, chargé des coopérations économiques internationales. L’initiative s’inscrit dans une série de contacts diplomatiques qui pourraient inclure de futurs participants.</p>
            <p>En amont de la rencontre, Donald Trump a évoqué auprès d’un média américain la possibilité qu’un prochain rendez-vous réunisse Vladimir Poutine et le président ukrainien Volodymyr Zelenski, avec sa propre participation éventuelle. Une perspective qui, si elle se concrétisait, marquerait une étape notable dans la gestion de la guerre en Ukraine et pourrait ouvrir la voie à des discussions tripartites plus larges.</p>
            <p>La rencontre d’Anchorage illustre la volonté affichée des deux puissances de maintenir un canal direct de communication sur les grands dossiers internationaux.</p>
            </article>
            <aside class="related"><h3>À lire aussi</h3><ul><li><a href="/a">Ukraine : les Européens inquiets</a></li><li><a href="/b">Alaska : une base sous haute sécurité</a></li></ul></aside>
            <section id="comments"><h3>Commentaires</h3><p>Laisser un commentaire</p></section>
            <footer>© Le Quotidien 2025 · Mentions légales · Contact</footer>
            </body>
            </html>
            """;

    /** The digest the extractive provider writes for {@link #PAGE_HTML} with summaryLanguage=fr&translate=false. */
    public static final String PAGE_DIGEST_RESPONSE = """
            {"articleHash": "467881fd38bf374375fea129268b9369e7fd30fc28c1865d02a860bc1d434d2d",
             "sourceLanguage": "fr",
             "article": {"title": "Poutine et Trump se retrouvent à Anchorage", "byline": "Marie Dupont",
              "publishedTime": "2025-08-15T18:30:00+02:00", "siteName": "Le Quotidien", "language": "fr",
              "languageConfirmed": true},
             "summary": {"language": "fr", "length": "short", "text": "Le président russe Vladimir Poutine et le \
            président américain Donald Trump se sont retrouvés ce vendredi à Anchorage, en Alaska, pour un nouvel \
            échange bilatéral."},
             "model": {"provider": "extractive", "name": "textrank"},
             "promptVersion": "textrank-2", "cached": false, "createdAt": "2026-11-21T13:24:03.537Z"}""";

    /** The digest the extractive provider writes for {@link #DIGEST_FR}. */
    public static final String DIGEST_RESPONSE = """
            {"articleHash": "467881fd38bf374375fea129268b9369e7fd30fc28c1865d02a860bc1d434d2d",
             "sourceLanguage": "fr",
             "summary": {"language": "fr", "length": "short", "text": "Le président russe Vladimir Poutine et le \
            président américain Donald Trump se sont retrouvés ce vendredi à Anchorage, en Alaska, pour un nouvel \
            échange bilatéral."},
             "model": {"provider": "extractive", "name": "textrank"},
             "promptVersion": "textrank-2", "cached": false, "createdAt": "2026-11-21T13:24:03.537Z"}""";

    /** A digest as a language model writes it for {@link #DIGEST_EN} (abridged translation). */
    public static final String DIGEST_EN_RESPONSE = """
            {"articleHash": "467881fd38bf374375fea129268b9369e7fd30fc28c1865d02a860bc1d434d2d",
             "sourceLanguage": "fr",
             "summary": {"language": "en", "length": "medium", "text": "Russian President Vladimir Putin and US \
            President Donald Trump met on Friday in Anchorage, Alaska, for closed-door talks attended by two ministers \
            from each side. A possible later meeting with the Ukrainian president was mentioned before the summit."},
             "translation": {"language": "en", "text": "Russian President Vladimir Putin and US President Donald \
            Trump met on Friday in Anchorage, Alaska, for a new bilateral exchange.\\n\\nThe talks are being held \
            behind closed doors, in the presence of two ministers from each side. ..."},
             "model": {"provider": "openai", "name": "gpt-4o-mini"},
             "promptVersion": "1c9e4b2a7f30", "cached": false, "createdAt": "2026-11-21T09:30:00Z",
             "usage": {"inputTokens": 1712, "outputTokens": 702, "totalTokens": 2414}}""";

    /** A summary response. */
    public static final String SUMMARY_RESPONSE = """
            {"articleHash": "467881fd38bf374375fea129268b9369e7fd30fc28c1865d02a860bc1d434d2d",
             "sourceLanguage": "fr",
             "summary": {"language": "fr", "length": "medium", "text": "Le président russe Vladimir Poutine et le \
            président américain Donald Trump se sont retrouvés ce vendredi à Anchorage, en Alaska, pour un nouvel \
            échange bilatéral. Les deux dirigeants, entourés de leurs ministres, abordent plusieurs dossiers sensibles \
            dans un cadre confidentiel. À leur arrivée quasi simultanée à Anchorage, Vladimir Poutine et Donald Trump \
            ont brièvement échangé sur le tapis rouge avant de s’installer ensemble dans la voiture présidentielle \
            américaine. Côté russe, participent l’assistant présidentiel Iouri Ouchakov et le ministre des Affaires \
            étrangères Sergueï Lavrov ; côté américain, le secrétaire d’État Marco Rubio et l’envoyé spécial Steve \
            Witcoff."},
             "model": {"provider": "extractive", "name": "textrank"},
             "promptVersion": "textrank-2", "cached": false, "createdAt": "2026-11-21T13:24:07.265Z"}""";

    /** A translation response. */
    public static final String TRANSLATION_RESPONSE = """
            {"articleHash": "467881fd38bf374375fea129268b9369e7fd30fc28c1865d02a860bc1d434d2d",
             "sourceLanguage": "fr",
             "translation": {"language": "en", "text": "Russian President Vladimir Putin and US President Donald \
            Trump met on Friday in Anchorage, Alaska, for a new bilateral exchange.\\n\\nThe talks are being held \
            behind closed doors, in the presence of two ministers from each side. ..."},
             "model": {"provider": "openai", "name": "gpt-4o-mini"},
             "promptVersion": "1c9e4b2a7f30", "cached": false, "createdAt": "2026-11-21T09:30:00Z",
             "usage": {"inputTokens": 1150, "outputTokens": 610, "totalTokens": 1760}}""";

    /** A translation with a glossary: a term rendered as the newsroom writes it, a name kept as written. */
    public static final String TRANSLATION_EN_GLOSSARY = "{\"text\": " + ARTICLE_JSON + ", \"targetLanguage\": \"en\","
            + " \"glossary\": [{\"source\": \"Poutine\", \"target\": \"Putin\"}, {\"source\": \"tête-à-tête\","
            + " \"target\": \"one-on-one\"}], \"doNotTranslate\": [\"Anchorage\"]}";

    /** An HTML fragment (a CMS body) translated with its markup. */
    public static final String TRANSLATION_EN_HTML = "{\"text\": \"<h2>Un tête-à-tête discret</h2><p>Le président"
            + " russe <a href=\\\"https://example.org/poutine\\\">Vladimir Poutine</a> et le président"
            + " <b>américain</b> se sont retrouvés ce vendredi à Anchorage, en Alaska, pour un nouvel échange"
            + " bilatéral.</p><p><img src=\\\"/photos/anchorage.jpg\\\" alt=\\\"Les deux présidents sur le tapis"
            + " rouge\\\">Les discussions se déroulent à huis clos.</p>\", \"format\": \"html\","
            + " \"targetLanguage\": \"en\"}";

    /** A translation served with a defect the corrective turn did not remove. */
    public static final String TRANSLATION_RESPONSE_WARNED = """
            {"articleHash": "467881fd38bf374375fea129268b9369e7fd30fc28c1865d02a860bc1d434d2d",
             "sourceLanguage": "fr",
             "translation": {"language": "en", "text": "Russian President Vladimir Putin and US President Donald \
            Trump met on Friday in Anchorage, Alaska, with twelve ministers. ...",
              "warnings": [{"code": "number-not-in-source", "detail": "The number '12' is not in the article.", \
            "excerpt": "the 12 ministers of the two delegations"}]},
             "model": {"provider": "openai", "name": "gpt-4o-mini"},
             "promptVersion": "1c9e4b2a7f30", "cached": false, "createdAt": "2026-11-21T09:30:00Z",
             "usage": {"inputTokens": 2310, "outputTokens": 1190, "totalTokens": 3500}}""";

    /** The named glossaries of a service with one, for French to English. */
    public static final String GLOSSARIES = """
            {"glossaries": [{"id": "newsroom", "sourceLanguage": "fr", "targetLanguage": "en", "entries": 2, \
            "keep": 1}]}""";

    /** A streamed translation, as events; the deltas are shortened. */
    public static final String TRANSLATION_EVENTS = """
            event: delta
            data: {"text": "Russian President Vladimir"}

            event: delta
            data: {"text": " Putin and US President Donald Trump met on Friday"}

            event: result
            data: {"articleHash": "467881fd38bf374375fea129268b9369e7fd30fc28c1865d02a860bc1d434d2d",             "sourceLanguage": "fr", "translation": {"language": "en", "text": "Russian President Vladimir Putin and             US President Donald Trump met on Friday ..."}, "model": {"provider": "openai", "name": "gpt-4o-mini"},             "promptVersion": "1c9e4b2a7f30", "cached": false, "createdAt": "2026-11-21T09:30:00Z"}
            """;

    /** The languages served with a language model. */
    public static final String LANGUAGES_RESPONSE = """
            {"source": [{"code": "fr", "name": "French"}, {"code": "en", "name": "English"}],
             "summary": [{"code": "fr", "name": "French"}, {"code": "en", "name": "English"}],
             "target": [{"code": "fr", "name": "French"}, {"code": "en", "name": "English"}],
             "summaryInSourceLanguageOnly": false, "modelReady": true}""";

    /** Languages while the local model is not ready (here: no file where LLM_MODEL_PATH points). */
    public static final String LANGUAGES_WITHOUT_MODEL_RESPONSE = """
            {"source": [{"code": "fr", "name": "French"}, {"code": "en", "name": "English"}],
             "summary": [{"code": "fr", "name": "French"}, {"code": "en", "name": "English"}],
             "target": [], "summaryInSourceLanguageOnly": true, "modelReady": false,
             "unavailableReason": "The local model could not be made ready: tried the model file /models/qwen.gguf\
             (LLM_MODEL_PATH): no model file at /models/qwen.gguf (LLM_MODEL_PATH). Fix: set LLM_MODEL_PATH to a GGUF\
             file on disk; or LLM_PROVIDER=openai with LLM_BASE_URL and LLM_MODEL (or LLM_PROVIDER=ollama) to use a\
             model server; or LLM_PROVIDER=extractive to run without a model (summaries in the article's language\
             only)."}""";

    /** One key's usage. */
    public static final String USAGE_RESPONSE = """
            {"key": "newsroom-web", "scope": "all-replicas",
             "today": {"from": "2026-12-01", "to": "2026-12-01", "requests": 42, "articles": 40,
                       "characters": 151230, "tokensIn": 61200, "tokensOut": 18400, "cacheHits": 17},
             "last30Days": {"from": "2026-11-02", "to": "2026-12-01", "requests": 1804, "articles": 1750,
                            "characters": 6420118, "tokensIn": 2511040, "tokensOut": 790311, "cacheHits": 702},
             "limits": {"requestsPerMinute": 600, "requestBurst": 60, "charactersPerMinute": 2000000,
                        "characterBurst": 2000000}}""";

    /** A batch of two articles, the second one empty. */
    public static final String BATCH_REQUEST = "{\"items\": [" + DIGEST_FR + ", {\"text\": \"   \"}]}";

    /** The answer to {@link #BATCH_REQUEST}. */
    public static final String BATCH_RESPONSE = "{\"results\": [{\"index\": 0, \"status\": 200, \"digest\": "
            + DIGEST_RESPONSE + "}, {\"index\": 1, \"status\": 422, \"problem\": {\"type\":"
            + " \"/problems/no-article-text\", \"title\": \"No article text\", \"status\": 422, \"detail\":"
            + " \"No article text is left after cleaning: the text was empty, whitespace or page furniture only.\","
            + " \"instance\": \"/api/v1/digests/batch\"}}]}";

    /** A job just accepted, waiting for a replica to start it. */
    public static final String JOB_QUEUED = """
            {"id": "0f8e4c2a9b7d4e1f8a6c3b5d7e9f1a2b", "status": "queued", "createdAt": "2026-11-21T13:24:03.537Z",
             "startedAt": null, "finishedAt": null,
             "progress": {"partsDone": 0, "partsTotal": 0, "chunksDone": 0, "chunksTotal": 0, "tokensWritten": 0,
             "queuePosition": 2}, "result": null, "problem": null}""";

    /** A job under way: its summary is done, its translation half written. */
    public static final String JOB_RUNNING = """
            {"id": "0f8e4c2a9b7d4e1f8a6c3b5d7e9f1a2b", "status": "running", "createdAt": "2026-11-21T13:24:03.537Z",
             "startedAt": "2026-11-21T13:24:05.012Z", "finishedAt": null,
             "progress": {"partsDone": 1, "partsTotal": 2, "chunksDone": 3, "chunksTotal": 5, "tokensWritten": 912,
             "queuePosition": null}, "result": null, "problem": null}""";

    /** A finished job: its result is what the synchronous call answers. */
    public static final String JOB_SUCCEEDED = """
            {"id": "0f8e4c2a9b7d4e1f8a6c3b5d7e9f1a2b", "status": "succeeded",
             "createdAt": "2026-11-21T13:24:03.537Z", "startedAt": "2026-11-21T13:24:03.540Z",
             "finishedAt": "2026-11-21T13:24:03.560Z",
             "progress": {"partsDone": 1, "partsTotal": 1, "chunksDone": 0, "chunksTotal": 0, "tokensWritten": 0,
             "queuePosition": null}, "result": """ + DIGEST_RESPONSE + ", \"problem\": null}";

    /** A job cancelled while its translation was being written. */
    public static final String JOB_CANCELLED = """
            {"id": "0f8e4c2a9b7d4e1f8a6c3b5d7e9f1a2b", "status": "cancelled", "createdAt": "2026-11-21T13:24:03.537Z",
             "startedAt": "2026-11-21T13:24:05.012Z", "finishedAt": "2026-11-21T13:25:40.101Z",
             "progress": {"partsDone": 1, "partsTotal": 2, "chunksDone": 3, "chunksTotal": 5, "tokensWritten": 912,
             "queuePosition": null}, "result": null, "problem": null}""";

    private ApiExamples() {
    }
}
