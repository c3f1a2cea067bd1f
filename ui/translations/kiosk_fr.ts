<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name></name>
    <message>
        <source>Welcome</source>
        <translation>Bienvenue</translation>
    </message>
    <message>
        <source>Touch the service you have come for</source>
        <translation>Touchez le service pour lequel vous venez</translation>
    </message>
    <message>
        <source>I don&apos;t know / other request</source>
        <translation>Je ne sais pas / autre demande</translation>
    </message>
    <message>
        <source>I have an appointment</source>
        <translation>J&apos;ai un rendez-vous</translation>
    </message>
    <message>
        <source>How was your visit?</source>
        <translation>Comment s&apos;est passée votre visite ?</translation>
    </message>
    <message>
        <source>Do you need to be seen first?</source>
        <translation>Avez-vous besoin de passer en priorité ?</translation>
    </message>
    <message>
        <source>For example: difficulty walking or standing, pregnancy, a disability, a small child in your arms.</source>
        <translation>Par exemple : difficulté à marcher ou à rester debout, grossesse, handicap, un jeune enfant dans les bras.</translation>
    </message>
    <message>
        <source>Yes, I need priority</source>
        <translation>Oui, j&apos;ai besoin d&apos;une priorité</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Your ticket</source>
        <translation>Votre ticket</translation>
    </message>
    <message>
        <source>Follow your turn on your phone</source>
        <translation>Suivez votre tour sur votre téléphone</translation>
    </message>
    <message>
        <source>I have noted my number</source>
        <translation>J&apos;ai noté mon numéro</translation>
    </message>
    <message>
        <source>I have my ticket</source>
        <translation>J&apos;ai mon ticket</translation>
    </message>
    <message>
        <source>This service is closed now. Next opening here: {when}.</source>
        <translation>Ce service est fermé en ce moment. Prochaine ouverture ici : {when}.</translation>
    </message>
    <message>
        <source>Type the {digits}-digit code you were given when you booked</source>
        <translation>Tapez le code à {digits} chiffres reçu lors de la prise de rendez-vous</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Valider</translation>
    </message>
    <message>
        <source>Call next</source>
        <extracomment>The key of each action; shown on its button (&quot;Call next (F1)&quot;).</extracomment>
        <translation>Appeler le suivant</translation>
    </message>
    <message>
        <source>Call this ticket</source>
        <translation>Appeler ce ticket</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Rappel</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Commencer</translation>
    </message>
    <message>
        <source>Finish…</source>
        <translation>Terminer…</translation>
    </message>
    <message>
        <source>Solved, call next</source>
        <translation>Résolu, appeler le suivant</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>Transfer…</source>
        <translation>Transférer…</translation>
    </message>
    <message>
        <source>Cancel ticket</source>
        <translation>Annuler le ticket</translation>
    </message>
    <message>
        <source>Pause…</source>
        <translation>Pause…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>Réactiver</translation>
    </message>
    <message>
        <source>Solved here</source>
        <translation>Résolu sur place</translation>
    </message>
    <message>
        <source>Redirected to a partner</source>
        <translation>Orienté vers un partenaire</translation>
    </message>
    <message>
        <source>Appointment booked</source>
        <translation>Rendez-vous pris</translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation>Suivi nécessaire</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Lunch</source>
        <translation>Déjeuner</translation>
    </message>
    <message>
        <source>Back-office work</source>
        <translation>Travail administratif</translation>
    </message>
    <message>
        <source>On the phone</source>
        <translation>Au téléphone</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Réunion</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Called</source>
        <translation>Appelé</translation>
    </message>
    <message>
        <source>Being served</source>
        <translation>Pris en charge</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>Transféré</translation>
    </message>
    <message>
        <source>&lt; 1 min</source>
        <translation>&lt; 1 min</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>{h} h {m:02d}</source>
        <translation>{h} h {m:02d}</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioritaire</translation>
    </message>
    <message>
        <source>Appointment {time}</source>
        <translation>Rendez-vous {time}</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Rendez-vous</translation>
    </message>
    <message>
        <source>Issued at reception</source>
        <translation>Remis par l&apos;accueil</translation>
    </message>
    <message>
        <source>The general reception desk can help you now.</source>
        <translation>L&apos;accueil général peut vous aider dès maintenant.</translation>
    </message>
    <message>
        <source>Take a ticket for general reception</source>
        <translation>Prendre un ticket pour l&apos;accueil général</translation>
    </message>
    <message>
        <source>Staff only</source>
        <translation>Réservé au personnel</translation>
    </message>
    <message>
        <source>Enter a staff PIN to leave the kiosk</source>
        <translation>Saisissez un code personnel pour quitter la borne</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Bien</translation>
    </message>
    <message>
        <source>All right</source>
        <translation>Moyen</translation>
    </message>
    <message>
        <source>Not good</source>
        <translation>Pas bien</translation>
    </message>
    <message>
        <source>Which service did you see?</source>
        <translation>Quel service avez-vous rencontré ?</translation>
    </message>
    <message>
        <source>One tap is enough. Thank you!</source>
        <translation>Une seule touche suffit. Merci !</translation>
    </message>
    <message>
        <source>Larger text, high contrast</source>
        <translation>Texte agrandi, contraste élevé</translation>
    </message>
    <message>
        <source>Read the screen aloud</source>
        <translation>Lire l&apos;écran à voix haute</translation>
    </message>
    <message>
        <source>High contrast: on</source>
        <translation>Contraste élevé : activé</translation>
    </message>
    <message>
        <source>We cannot give tickets at the moment. Reception will help you.</source>
        <translation>Nous ne pouvons pas donner de tickets pour le moment. L&apos;accueil va vous aider.</translation>
    </message>
    <message>
        <source>One moment…</source>
        <translation>Un instant…</translation>
    </message>
    <message>
        <source>Several tickets were just taken here.</source>
        <translation>Plusieurs tickets viennent d&apos;être pris ici.</translation>
    </message>
    <message>
        <source>Please wait a moment, or ask at reception.</source>
        <translation>Merci de patienter un instant, ou adressez-vous à l&apos;accueil.</translation>
    </message>
    <message>
        <source>Sorry, no ticket can be printed right now.</source>
        <translation>Désolé, aucun ticket ne peut être imprimé pour le moment.</translation>
    </message>
    <message>
        <source>Reception will help you.</source>
        <translation>L&apos;accueil va vous aider.</translation>
    </message>
    <message>
        <source>Sorry, something went wrong.</source>
        <translation>Désolé, un problème est survenu.</translation>
    </message>
    <message>
        <source>Keep this screen&apos;s code: no printer here.</source>
        <translation>Gardez le code de cet écran : pas d&apos;imprimante ici.</translation>
    </message>
    <message>
        <source>Printing your ticket…</source>
        <translation>Impression de votre ticket…</translation>
    </message>
    <message>
        <source>Please take your ticket below.</source>
        <translation>Prenez votre ticket ci-dessous.</translation>
    </message>
    <message>
        <source>The printer is not working. Note your number: {number}. Reception has been told.</source>
        <translation>L&apos;imprimante ne fonctionne pas. Notez votre numéro : {number}. L&apos;accueil a été prévenu.</translation>
    </message>
    <message>
        <source>This code is not known. Please check it, or ask at reception.</source>
        <translation>Ce code est inconnu. Vérifiez-le ou adressez-vous à l&apos;accueil.</translation>
    </message>
    <message>
        <source>Too many tries. Please ask at reception.</source>
        <translation>Trop d&apos;essais. Adressez-vous à l&apos;accueil.</translation>
    </message>
    <message>
        <source>This code cannot be used now (already used, or the appointment is on another day). Please ask at reception.</source>
        <translation>Ce code ne peut pas être utilisé maintenant (déjà utilisé, ou rendez-vous prévu un autre jour). Adressez-vous à l&apos;accueil.</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>Merci !</translation>
    </message>
    <message>
        <source>Your answer helps us improve.</source>
        <translation>Votre réponse nous aide à nous améliorer.</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>Code incorrect.</translation>
    </message>
    <message>
        <source>Too many tries. Please wait a minute.</source>
        <translation>Trop d&apos;essais. Patientez une minute.</translation>
    </message>
    <message>
        <source>The hub cannot check the PIN right now.</source>
        <translation>Le serveur ne peut pas vérifier le code pour le moment.</translation>
    </message>
    <message>
        <source>Link to the hub lost: the queue on this screen may be out of date. Reconnecting…</source>
        <extracomment>Another site silent for longer than this is worth telling staff (sync pushes every few seconds when all is well).</extracomment>
        <translation>Liaison avec le serveur perdue : la file affichée n&apos;est peut-être plus à jour. Reconnexion…</translation>
    </message>
    <message>
        <source>Kiosk {n} printer</source>
        <translation>Imprimante de la borne {n}</translation>
    </message>
    <message>
        <source>Kiosk printer</source>
        <translation>Imprimante de la borne</translation>
    </message>
    <message>
        <source>{where}, since {time}
{fault}</source>
        <translation>{where}, depuis {time}
{fault}</translation>
    </message>
    <message>
        <source>No news from {site} since {time}</source>
        <translation>Aucune nouvelle de {site} depuis {time}</translation>
    </message>
    <message>
        <source>the hub started</source>
        <translation>le démarrage du serveur</translation>
    </message>
    <message>
        <source>out of paper: load a new roll</source>
        <translation>plus de papier : chargez un nouveau rouleau</translation>
    </message>
    <message>
        <source>paper roll nearly finished: prepare a new roll</source>
        <translation>rouleau presque épuisé : préparez un nouveau rouleau</translation>
    </message>
    <message>
        <source>cover open: close it</source>
        <translation>capot ouvert : refermez-le</translation>
    </message>
    <message>
        <source>printer offline: check it is switched on and not in error</source>
        <translation>imprimante hors ligne : vérifiez qu&apos;elle est allumée et sans erreur</translation>
    </message>
    <message>
        <source>printer unreachable: check its cable or network</source>
        <translation>imprimante injoignable : vérifiez son câble ou le réseau</translation>
    </message>
    <message>
        <source>printer error: switch it off and on</source>
        <translation>erreur d&apos;imprimante : éteignez-la puis rallumez-la</translation>
    </message>
    <message>
        <source>printer fault</source>
        <translation>panne d&apos;imprimante</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Jour</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Book the appointment</source>
        <translation>Prendre le rendez-vous</translation>
    </message>
    <message>
        <source>{service}, {day} at {time}. The visitor types this code at the kiosk on the day.</source>
        <translation>{service}, le {day} à {time}. L&apos;usager saisit ce code à la borne le jour même.</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>Retour (Esc)</translation>
    </message>
    <message>
        <source>Current ticket</source>
        <extracomment>(action, row, column, column span, primary?) of the grid of buttons.</extracomment>
        <translation>Ticket en cours</translation>
    </message>
    <message>
        <source>No ticket at this counter</source>
        <translation>Aucun ticket à ce guichet</translation>
    </message>
    <message>
        <source>Call the next visitor when you are ready.</source>
        <translation>Appelez l&apos;usager suivant quand vous êtes prêt.</translation>
    </message>
    <message>
        <source>Being served since {time}</source>
        <translation>Pris en charge depuis {time}</translation>
    </message>
    <message>
        <source>Called at {time}</source>
        <translation>Appelé à {time}</translation>
    </message>
    <message>
        <source>recalled {n}×</source>
        <translation>rappelé {n}×</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <source>Waited</source>
        <translation>Attente</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Remarques</translation>
    </message>
    <message>
        <source>Next to be called</source>
        <translation>Prochain appel</translation>
    </message>
    <message>
        <source>{n} waiting, the longest for {wait}</source>
        <translation>{n} en attente, la plus longue depuis {wait}</translation>
    </message>
    <message>
        <source>{n} waiting, {wait}</source>
        <translation>{n} en attente, {wait}</translation>
    </message>
    <message>
        <source>nobody waiting</source>
        <translation>personne en attente</translation>
    </message>
    <message>
        <source>Nobody is waiting.</source>
        <translation>Aucun usager en attente.</translation>
    </message>
    <message>
        <source>Counter sign-in</source>
        <translation>Connexion au guichet</translation>
    </message>
    <message>
        <source>Choose your counter:</source>
        <translation>Choisissez votre guichet :</translation>
    </message>
    <message>
        <source>Your PIN (keypad or keyboard), then OK:</source>
        <translation>Votre code PIN (pavé numérique ou clavier), puis OK :</translation>
    </message>
    <message>
        <source>Choose your counter first.</source>
        <translation>Choisissez d&apos;abord votre guichet.</translation>
    </message>
    <message>
        <source>served</source>
        <translation>reçus</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>median wait</source>
        <translation>attente médiane</translation>
    </message>
    <message>
        <source>no-shows</source>
        <translation>absents</translation>
    </message>
    <message>
        <source>Today at this counter</source>
        <translation>Aujourd&apos;hui à ce guichet</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Priority ticket</source>
        <translation>Ticket prioritaire</translation>
    </message>
    <message>
        <source>For pregnancy, disability, reduced mobility (if the service has a priority queue).</source>
        <translation>Grossesse, handicap, mobilité réduite (si le service dispose d&apos;une file prioritaire).</translation>
    </message>
    <message>
        <source>Issue the ticket</source>
        <translation>Délivrer le ticket</translation>
    </message>
    <message>
        <source>{service} · position {position} in the queue</source>
        <translation>{service} · position {position} dans la file d&apos;attente</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Guichet</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Déconnexion</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Visitor ticket</source>
        <translation>Ticket usager</translation>
    </message>
    <message>
        <source>The hub cannot be reached: nothing was changed. Try again when the link is back.</source>
        <translation>Serveur injoignable : rien n&apos;a été modifié. Réessayez quand la liaison sera rétablie.</translation>
    </message>
    <message>
        <source>Service {service} is closed now: nothing was changed.</source>
        <translation>Le service {service} est actuellement fermé : rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>Un problème est survenu : {error}</translation>
    </message>
    <message>
        <source>The hub cannot be reached. Retrying…</source>
        <translation>Serveur injoignable. Nouvelle tentative…</translation>
    </message>
    <message>
        <source>Wrong PIN for this counter. Try again.</source>
        <translation>Code incorrect pour ce guichet. Réessayez.</translation>
    </message>
    <message>
        <source>Too many wrong PINs: this counter is locked for a minute.</source>
        <translation>Trop de codes erronés : ce guichet est bloqué pendant une minute.</translation>
    </message>
    <message>
        <source>The hub cannot be reached: check the network, then try again.</source>
        <translation>Serveur injoignable : vérifiez le réseau, puis réessayez.</translation>
    </message>
    <message>
        <source>Your session has ended: please sign in again.</source>
        <translation>Votre session a pris fin : veuillez vous reconnecter.</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>prioritaire</translation>
    </message>
    <message>
        <source>Paused: {reason}</source>
        <translation>En pause : {reason}</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvert</translation>
    </message>
    <message>
        <source>Nobody is waiting for this counter.</source>
        <translation>Aucun usager en attente pour ce guichet.</translation>
    </message>
    <message>
        <source>Ticket {number} now waits for {service}.</source>
        <translation>Le ticket {number} est maintenant en attente pour {service}.</translation>
    </message>
    <message>
        <source>How did the visit of {number} end?</source>
        <translation>Comment s&apos;est terminée la visite du ticket {number} ?</translation>
    </message>
    <message>
        <source>Transfer {number} to which service?</source>
        <translation>Transférer le ticket {number} vers quel service ?</translation>
    </message>
    <message>
        <source>Pause this counter: why?</source>
        <translation>Mettre ce guichet en pause : pour quel motif ?</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Graphiques</translation>
    </message>
    <message>
        <source>Per service</source>
        <translation>Par service</translation>
    </message>
    <message>
        <source>Per counter</source>
        <translation>Par guichet</translation>
    </message>
    <message>
        <source>Per site</source>
        <translation>Par site</translation>
    </message>
    <message>
        <source>Visitors per hour of arrival</source>
        <translation>Usagers par heure d&apos;arrivée</translation>
    </message>
    <message>
        <source>Visitors</source>
        <extracomment>(key, how to show it); a key&apos;s caption comes from :func:`captions`.</extracomment>
        <translation>Usagers</translation>
    </message>
    <message>
        <source>hour of arrival</source>
        <translation>heure d&apos;arrivée</translation>
    </message>
    <message>
        <source>Visitors per service</source>
        <translation>Usagers par service</translation>
    </message>
    <message>
        <source>Served</source>
        <translation>Reçus</translation>
    </message>
    <message>
        <source>Visitors per day</source>
        <translation>Usagers par jour</translation>
    </message>
    <message>
        <source>Same weekday, mean of the 4 weeks before</source>
        <translation>Même jour de la semaine, moyenne des 4 semaines précédentes</translation>
    </message>
    <message>
        <source>Today, so far</source>
        <translation>Aujourd&apos;hui, journée en cours</translation>
    </message>
    <message>
        <source>day (gaps: closed or no data)</source>
        <translation>jour (trous : fermé ou sans données)</translation>
    </message>
    <message>
        <source>visitors</source>
        <translation>usagers</translation>
    </message>
    <message>
        <source>Waiting time before the call</source>
        <translation>Temps d&apos;attente avant l&apos;appel</translation>
    </message>
    <message>
        <source>over {minutes} min: {n} visitors (not drawn)</source>
        <translation>plus de {minutes} min : {n} usagers (non dessinés)</translation>
    </message>
    <message>
        <source>minutes of waiting (each bar: 5 minutes)</source>
        <translation>minutes d&apos;attente (chaque barre : 5 minutes)</translation>
    </message>
    <message>
        <source>visitors per 5 minutes</source>
        <translation>usagers par tranche de 5 min</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Exporter en CSV</translation>
    </message>
    <message>
        <source>Report (PDF)</source>
        <translation>Rapport (PDF)</translation>
    </message>
    <message>
        <source>Exporting CSV</source>
        <translation>Export CSV en cours</translation>
    </message>
    <message>
        <source>CSV saved: {0}</source>
        <translation>CSV enregistré : {0}</translation>
    </message>
    <message>
        <source>Preparing the report</source>
        <translation>Préparation du rapport</translation>
    </message>
    <message numerus="yes">
        <source>Report saved: {0} (%Ln page(s))</source>
        <translation>
            <numerusform>Rapport enregistré : {0} (%Ln page)</numerusform>
            <numerusform>Rapport enregistré : {0} (%Ln pages)</numerusform>
        </translation>
    </message>
    <message>
        <source>Both sites</source>
        <translation>Les deux sites</translation>
    </message>
    <message>
        <source>Writing the report</source>
        <translation>Génération du rapport</translation>
    </message>
    <message>
        <source>The export failed: {0}</source>
        <translation>L&apos;export a échoué : {0}</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Semaine</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <source>All sites</source>
        <translation>Tous les sites</translation>
    </message>
    <message>
        <source>All services</source>
        <translation>Tous les services</translation>
    </message>
    <message>
        <source>{0} min</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <source>{0} to {1}</source>
        <translation>du {0} au {1}</translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation>Absents</translation>
    </message>
    <message>
        <source>Cancelled (visits)</source>
        <translation>Annulés</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>Transferts</translation>
    </message>
    <message>
        <source>Unmet demand</source>
        <translation>Demande non satisfaite</translation>
    </message>
    <message>
        <source>Issued by reception</source>
        <translation>Tickets remis par l&apos;accueil</translation>
    </message>
    <message>
        <source>Median wait</source>
        <translation>Attente médiane</translation>
    </message>
    <message>
        <source>Planning</source>
        <translation>Planification</translation>
    </message>
    <message>
        <source>{0} h</source>
        <translation>{0} h</translation>
    </message>
    <message>
        <source>Visitors: {0}
Asked while closed: {1}
Median wait: {2}
Seen within target: {3}
Held: {4}</source>
        <translation>Usagers : {0}
Demandé fermé : {1}
Attente médiane : {2}
Reçus dans le délai : {3}
Permanences : {4}</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>aucune</translation>
    </message>
    <message numerus="yes">
        <source>{0}, {1} from {2} to {3}: %Ln visitor(s) asked for it while it was closed (about {4} a week)</source>
        <translation>
            <numerusform>{0}, le {1} de {2} à {3} : %Ln usager l&apos;a demandé alors qu&apos;il était fermé (environ {4} par semaine)</numerusform>
            <numerusform>{0}, le {1} de {2} à {3} : %Ln usagers l&apos;ont demandé alors qu&apos;il était fermé (environ {4} par semaine)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} at {1}: %Ln visitor(s), median wait {2}, {3} seen within the target</source>
        <translation>
            <numerusform>Le {0} à {1} : %Ln usager, attente médiane {2}, {3} reçus dans le délai</numerusform>
            <numerusform>Le {0} à {1} : %Ln usagers, attente médiane {2}, {3} reçus dans le délai</numerusform>
        </translation>
    </message>
    <message>
        <source>Each cell: visitors who took a ticket in that hour; +N: visitors who asked for a service that was closed. Grey: no permanence held. Red: a share seen within the target wait below the target (the cell&apos;s tooltip gives the median wait).</source>
        <translation>Chaque case : usagers ayant pris un ticket dans l&apos;heure ; +N : usagers venus pour un service fermé. Gris : aucune permanence tenue. Rouge : une part d&apos;usagers reçus dans le délai inférieure à l&apos;objectif (l&apos;infobulle de la case donne l&apos;attente médiane).</translation>
    </message>
    <message>
        <source>Each cell: visitors who took a ticket in that hour; +N: visitors who asked for a service that was closed. Grey: no permanence held. Red frame: a share seen within the target wait below the target.</source>
        <translation>Chaque case : usagers ayant pris un ticket dans l&apos;heure ; +N : usagers venus pour un service fermé. Gris : aucune permanence tenue. Cadre rouge : une part d&apos;usagers reçus dans le délai inférieure à l&apos;objectif.</translation>
    </message>
    <message>
        <source>The planning could not be read: {0}</source>
        <translation>La planification n&apos;a pas pu être lue : {0}</translation>
    </message>
    <message>
        <source>Where an extra permanence would have served the most visitors:</source>
        <translation>Là où une permanence de plus aurait reçu le plus d&apos;usagers :</translation>
    </message>
    <message>
        <source>No visitor asked for a closed service in these days.</source>
        <translation>Aucun usager n&apos;a demandé un service fermé ces jours-là.</translation>
    </message>
    <message>
        <source>Open hours below the service level target:</source>
        <translation>Heures ouvertes sous l&apos;objectif de délai :</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Aucune.</translation>
    </message>
    <message>
        <source>Seen within {0} min (target {1})</source>
        <translation>Reçus en {0} min au plus (objectif {1})</translation>
    </message>
    <message>
        <source>Visitors called within the target wait, of all visitors called or gone uncalled after it.</source>
        <translation>Usagers appelés dans le délai visé, parmi tous les usagers appelés ou partis sans être appelés après ce délai.</translation>
    </message>
    <message>
        <source>before: {0}</source>
        <translation>avant : {0}</translation>
    </message>
    <message numerus="yes">
        <source>Visitors&apos; feedback (%Ln answer(s))</source>
        <translation>
            <numerusform>Avis des usagers (%Ln réponse)</numerusform>
            <numerusform>Avis des usagers (%Ln réponses)</numerusform>
        </translation>
    </message>
    <message>
        <source>Previous period: {0}</source>
        <translation>Période précédente : {0}</translation>
    </message>
    <message>
        <source>Within target</source>
        <translation>Dans le délai</translation>
    </message>
    <message>
        <source>Wait, 90th pct.</source>
        <translation>Attente maximale de 9 usagers sur 10</translation>
    </message>
    <message>
        <source>Median service</source>
        <translation>Durée médiane d&apos;entretien</translation>
    </message>
    <message>
        <source>Solved on site</source>
        <translation>Résolu sur place</translation>
    </message>
    <message>
        <source>Priority tickets</source>
        <translation>Tickets prioritaires</translation>
    </message>
    <message>
        <source>Tickets issued: a transfer is not a new visitor.</source>
        <translation>Tickets délivrés : un transfert ne compte pas comme un nouvel usager.</translation>
    </message>
    <message>
        <source>Services asked for at the kiosk while closed or absent.</source>
        <translation>Services demandés à la borne alors qu&apos;ils étaient fermés ou absents.</translation>
    </message>
    <message>
        <source>Nine visitors in ten waited less than this.</source>
        <translation>Neuf usagers sur dix ont attendu moins longtemps que cela.</translation>
    </message>
    <message>
        <source>Visits finished with the outcome &quot;solved here&quot;, of those served.</source>
        <translation>Visites terminées avec l&apos;issue « résolu sur place », parmi les usagers reçus.</translation>
    </message>
    <message>
        <source>Priority tickets, of all visitors.</source>
        <translation>Tickets prioritaires, sur l&apos;ensemble des usagers.</translation>
    </message>
    <message>
        <source>Happy</source>
        <translation>Satisfait</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>Neutre</translation>
    </message>
    <message>
        <source>Unhappy</source>
        <translation>Mécontent</translation>
    </message>
    <message>
        <source>Monthly report — {0}</source>
        <extracomment>The service table&apos;s columns on paper (the screen has more room).</extracomment>
        <translation>Rapport mensuel — {0}</translation>
    </message>
    <message>
        <source>Footfall report — {0}</source>
        <translation>Rapport de fréquentation — {0}</translation>
    </message>
    <message>
        <source>Made on {0}</source>
        <translation>Généré le {0}</translation>
    </message>
    <message>
        <source>Page {0} of {1}</source>
        <translation>Page {0} sur {1}</translation>
    </message>
    <message>
        <source>Headline figures</source>
        <translation>Chiffres clés</translation>
    </message>
    <message>
        <source>Site</source>
        <extracomment>Width of a name column (site, service) against a figure&apos;s.</extracomment>
        <translation>Site</translation>
    </message>
    <message>
        <source>Per site and service</source>
        <translation>Par site et par service</translation>
    </message>
    <message>
        <source>No visits in these days.</source>
        <translation>Aucune visite sur cette période.</translation>
    </message>
    <message>
        <source>Dashboard sign-in</source>
        <translation>Connexion au tableau de bord</translation>
    </message>
    <message>
        <source>Figures are for the house&apos;s managers. Choose your name and type your PIN.</source>
        <translation>Les chiffres sont réservés aux responsables de la maison. Choisissez votre nom et saisissez votre code PIN.</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>Code PIN</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>No manager is declared in this site&apos;s file: add one under [[managers]] to open the dashboard.</source>
        <translation>Aucun responsable n&apos;est déclaré dans le fichier de ce site : ajoutez-en un sous [[managers]] pour ouvrir le tableau de bord.</translation>
    </message>
    <message>
        <source>Choose your name first.</source>
        <translation>Choisissez d&apos;abord votre nom.</translation>
    </message>
    <message>
        <source>Type your PIN first.</source>
        <translation>Saisissez d&apos;abord votre code PIN.</translation>
    </message>
    <message>
        <source>Transfers in</source>
        <translation>Transferts reçus</translation>
    </message>
    <message>
        <source>Transfers out</source>
        <translation>Transferts émis</translation>
    </message>
    <message>
        <source>Wait p90</source>
        <translation>Attente de 9 sur 10</translation>
    </message>
    <message>
        <source>By reception</source>
        <translation>Remis par l&apos;accueil</translation>
    </message>
    <message>
        <source>Feedback answers</source>
        <translation>Avis reçus</translation>
    </message>
    <message>
        <source>Visitors: tickets taken; a transfer is not a new visitor.</source>
        <translation>Usagers : tickets pris ; un transfert n&apos;est pas un nouvel usager.</translation>
    </message>
    <message>
        <source>Served: visitors received at a counter (a transferred visitor is received by each service).</source>
        <translation>Reçus : usagers reçus à un guichet (un usager transféré est reçu par chaque service).</translation>
    </message>
    <message>
        <source>No-shows: called, but did not come.</source>
        <translation>Absents : appelés, mais ne se sont pas présentés.</translation>
    </message>
    <message>
        <source>Transfers in: visitors sent here by another service.</source>
        <translation>Transferts reçus : usagers envoyés ici par un autre service.</translation>
    </message>
    <message>
        <source>Transfers out: visitors sent on to another service.</source>
        <translation>Transferts émis : usagers envoyés vers un autre service.</translation>
    </message>
    <message>
        <source>Tickets given by the reception desk rather than the kiosk.</source>
        <translation>Tickets remis par l&apos;accueil plutôt que par la borne.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Share of the site&apos;s visits served</source>
        <translation>Part des visites du site</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>The hub cannot be reached; trying again…</source>
        <translation>Serveur injoignable ; nouvelle tentative…</translation>
    </message>
    <message>
        <source>Preparing the figures, a month at a time</source>
        <translation>Préparation des chiffres, mois par mois</translation>
    </message>
    <message>
        <source>The figures could not be read: {0}</source>
        <translation>Impossible de lire les chiffres : {0}</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>{0}: data up to {1} included</source>
        <translation>{0} : données jusqu&apos;au {1} inclus</translation>
    </message>
    <message>
        <source>{0}: data up to {1}</source>
        <translation>{0} : données jusqu&apos;à {1}</translation>
    </message>
    <message>
        <source>{0}: data up to {2} {1}</source>
        <translation>{0} : données jusqu&apos;au {2} à {1}</translation>
    </message>
    <message>
        <source>{0}: no data for these days</source>
        <translation>{0} : pas de données pour ces jours</translation>
    </message>
    <message>
        <source>(link not established yet)</source>
        <translation>(liaison pas encore établie)</translation>
    </message>
    <message>
        <source>Counters cannot open the dashboard: sign in with a manager&apos;s PIN.</source>
        <translation>Un guichet ne peut pas ouvrir le tableau de bord : connectez-vous avec le code PIN d&apos;un responsable.</translation>
    </message>
    <message>
        <source>Wrong name or PIN.</source>
        <translation>Nom ou code PIN incorrect.</translation>
    </message>
    <message>
        <source>Too many wrong PINs: wait a minute, then try again.</source>
        <translation>Trop de codes erronés : patientez une minute, puis réessayez.</translation>
    </message>
    <message>
        <source>Now calling</source>
        <translation>Appel en cours</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>rappel</translation>
    </message>
    <message>
        <source>latest</source>
        <translation>dernier appel</translation>
    </message>
    <message>
        <source>Last calls</source>
        <translation>Derniers appels</translation>
    </message>
    <message>
        <source>Welcome. Please take a seat: your number will be shown here and called out.</source>
        <translation>Bienvenue. Veuillez vous asseoir : votre numéro s&apos;affichera ici et sera annoncé.</translation>
    </message>
    <message>
        <source>Connection lost, reconnecting…</source>
        <translation>Connexion perdue, reconnexion…</translation>
    </message>
    <message>
        <source>All services are closed at the moment.</source>
        <translation>Tous les services sont fermés pour le moment.</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Borne</translation>
    </message>
    <message>
        <source>Waiting-room display</source>
        <translation>Écran de la salle d&apos;attente</translation>
    </message>
    <message>
        <source>kiosk demonstration — {site}</source>
        <extracomment>The desktop a first run is planned for; a smaller free area wins.</extracomment>
        <translation>kiosk, démonstration — {site}</translation>
    </message>
    <message>
        <source>Demonstration: pick a screen</source>
        <translation>Démonstration : choisissez un écran</translation>
    </message>
</context>
</TS>
