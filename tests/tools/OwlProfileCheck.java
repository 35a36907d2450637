// Checks an ontology against the OWL 2 DL profile with the OWL API (Debian's libowlapi-java):
// prints one line per violation and exits 1 if there is any, 0 if the ontology is in OWL 2 DL.
// Run as a source file: java -cp <owlapi class path> OwlProfileCheck.java FILE
import java.io.File;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

public class OwlProfileCheck {
    public static void main(String[] args) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new File(args[0]));
        OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
        for (OWLProfileViolation v : report.getViolations()) {
            System.out.println(v.getClass().getSimpleName() + "\t" + v);
        }
        System.out.println("axioms\t" + ontology.getAxiomCount());
        System.exit(report.isInProfile() ? 0 : 1);
    }
}
