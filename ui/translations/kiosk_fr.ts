<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name />
    <message>
        <source>Welcome</source>
        <translation>Bienvenue</translation>
    </message>
    <message>
        <source>Touch the service you have come for</source>
        <translation>Touchez le service pour lequel vous venez</translation>
    </message>
    <message>
        <source>I have an appointment</source>
        <translation>J'ai un rendez-vous</translation>
    </message>
    <message>
        <source>How was your visit?</source>
        <translation>Comment s'est passée votre visite ?</translation>
    </message>
    <message>
        <source>Do you need to be seen first?</source>
        <translation>Avez-vous besoin d'être reçu(e) en priorité ?</translation>
    </message>
    <message>
        <source>For example: difficulty walking or standing, pregnancy, a disability, a small child in your arms.</source>
        <translation>Par exemple : difficulté à marcher ou à rester debout, grossesse, handicap, un jeune enfant dans les bras.</translation>
    </message>
    <message>
        <source>Yes, I need priority</source>
        <translation>Oui, j'ai besoin d'une priorité</translation>
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
        <source>Scan this code to follow your turn on your phone</source>
        <translation>Scannez ce code pour suivre votre tour sur votre téléphone</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>The general reception desk can help you now.</source>
        <translation>L'accueil général peut vous aider dès maintenant.</translation>
    </message>
    <message>
        <source>Take a ticket for general reception</source>
        <translation>Prendre un ticket pour l'accueil général</translation>
    </message>
    <message>
        <source>{service} is closed now</source>
        <translation>{service} est fermé en ce moment</translation>
    </message>
    <message>
        <source>Next opening: {when}</source>
        <translation>Prochaine ouverture : {when}</translation>
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
        <source>Enter the code you were given when you booked</source>
        <translation>Saisissez le code reçu lors de votre prise de rendez-vous</translation>
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
        <source>No wait</source>
        <translation>Pas d'attente</translation>
    </message>
    <message>
        <source>{count} waiting · ~{minutes} min</source>
        <translation>{count} en attente · ~{minutes} min</translation>
    </message>
    <message>
        <source>You are next</source>
        <translation>Vous êtes le prochain</translation>
    </message>
    <message>
        <source>You are number {position} in line</source>
        <translation>Vous êtes {position}e dans la file</translation>
    </message>
    <message>
        <source>Estimated wait: a few minutes</source>
        <translation>Attente estimée : quelques minutes</translation>
    </message>
    <message>
        <source>Estimated wait: about {minutes} min</source>
        <translation>Attente estimée : environ {minutes} min</translation>
    </message>
    <message>
        <source>no opening planned</source>
        <translation>aucune ouverture prévue</translation>
    </message>
    <message>
        <source>today {time}</source>
        <translation>aujourd'hui {time}</translation>
    </message>
    <message>
        <source>tomorrow {time}</source>
        <translation>demain {time}</translation>
    </message>
    <message>
        <source>Larger text, high contrast</source>
        <translation>Texte agrandi, contraste élevé</translation>
    </message>
    <message>
        <source>Read the screen aloud</source>
        <translation>Lire l'écran à voix haute</translation>
    </message>
    <message>
        <source>We cannot give tickets at the moment. Reception will help you.</source>
        <translation>Nous ne pouvons pas donner de tickets pour le moment. L'accueil va vous aider.</translation>
    </message>
    <message>
        <source>Closed · opens {when}</source>
        <translation>Fermé · ouvre {when}</translation>
    </message>
    <message>
        <source>One moment…</source>
        <translation>Un instant…</translation>
    </message>
    <message>
        <source>Several tickets were just taken here.</source>
        <translation>Plusieurs tickets viennent d'être pris ici.</translation>
    </message>
    <message>
        <source>Please wait a moment, or ask at reception.</source>
        <translation>Merci de patienter un instant, ou adressez-vous à l'accueil.</translation>
    </message>
    <message>
        <source>Sorry, no ticket can be printed right now.</source>
        <translation>Désolé, aucun ticket ne peut être imprimé pour le moment.</translation>
    </message>
    <message>
        <source>Reception will help you.</source>
        <translation>L'accueil va vous aider.</translation>
    </message>
    <message>
        <source>Sorry, something went wrong.</source>
        <translation>Désolé, un problème est survenu.</translation>
    </message>
    <message>
        <source>Keep this screen's code: no printer here.</source>
        <translation>Gardez le code de cet écran : pas d'imprimante ici.</translation>
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
        <source>The printer is not working. Your ticket is on this screen: scan the code or remember your number. Reception has been told.</source>
        <translation>L'imprimante ne fonctionne pas. Votre ticket est sur cet écran : scannez le code ou retenez votre numéro. L'accueil a été prévenu.</translation>
    </message>
    <message>
        <source>This code is not known. Please check it, or ask at reception.</source>
        <translation>Ce code est inconnu. Vérifiez-le ou adressez-vous à l'accueil.</translation>
    </message>
    <message>
        <source>Too many tries. Please ask at reception.</source>
        <translation>Trop d'essais. Adressez-vous à l'accueil.</translation>
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
        <translation>Trop d'essais. Patientez une minute.</translation>
    </message>
    <message>
        <source>The hub cannot check the PIN right now.</source>
        <translation>Le serveur ne peut pas vérifier le code pour le moment.</translation>
    </message>
</context>
</TS>