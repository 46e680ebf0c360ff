package dev.shimscan.core.source.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ObjectRef;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.resource.Resource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Findings gathered list by list before the owners are known, then placed at their top-level owners: pods read
 * before their ReplicaSet and Deployment, owners that were never read, owners without a pod template, and a list
 * checked in parts (on several threads) giving what it gives in one piece.
 */
class ListFindingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOCKET = "/var/run/docker.sock";

    private static JsonNode object(String json) {
        try {
            return JSON.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A pod (or, with a kind and template prefix, a controller) whose volume {@code name} mounts the socket. */
    private static JsonNode pod(String name, String owner, String ownerKind, String ownerUid, String... volumes) {
        StringBuilder vols = new StringBuilder();
        for (String v : volumes) {
            vols.append(vols.length() == 0 ? "" : ",").append("{'name':'").append(v)
                    .append("','hostPath':{'path':'").append(SOCKET).append("'}}");
        }
        String refs = owner == null ? "" : ",'ownerReferences':[{'apiVersion':'apps/v1','kind':'" + ownerKind
                + "','name':'" + owner + "','uid':'" + ownerUid + "','controller':true}]";
        return object("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'" + name + "','namespace':'apps','uid':'"
                + name + "-uid'" + refs + "},'spec':{'volumes':[" + vols + "]}}");
    }

    /** A DS101-like finding on every volume of the object, at its own path, as the rules would report it. */
    private static List<Finding> socketFindings(JsonNode object, String prefix) {
        ObjectRef ref = Resource.identify(object);
        List<Finding> out = new ArrayList<>();
        JsonNode volumes = object.at("/" + (prefix.isEmpty() ? "" : prefix.replace('.', '/') + "/") + "spec/volumes");
        for (int i = 0; i < volumes.size(); i++) {
            String path = (prefix.isEmpty() ? "" : prefix + ".") + "spec.volumes[" + i + "].hostPath.path";
            out.add(new Finding("DS101", Severity.ERROR, "mounts the Docker socket", ref, null, path, null, SOCKET,
                    "use the CRI", "prod", null, null, "fp-" + ref.name() + "-" + i, false));
        }
        return out;
    }

    private static void addPod(ListFindings into, JsonNode pod) {
        ObjectRef ref = Resource.identify(pod);
        OwnerLink owner = OwnerIndex.linkOf(pod, ref);
        if (owner == null) {
            into.addOwn(socketFindings(pod, ""), pod, ref, TopOwner.of(ref), true);
        } else {
            into.addOwned(socketFindings(pod, ""), pod, ref, owner, true);
        }
    }

    private static String describe(Finding f) {
        return f.ruleId() + " " + f.object().kind() + "/" + f.object().name() + " " + f.path() + " pods=" + f.podCount()
                + (f.owner() == null ? "" : " owner=" + f.owner().kind() + "/" + f.owner().name());
    }

    private static List<String> results(OwnerIndex owners, ListFindings... lists) {
        WorkloadFindings into = new WorkloadFindings();
        for (ListFindings list : lists) {
            list.replay(owners, into);
        }
        return into.results().stream().map(ListFindingsTest::describe).toList();
    }

    @Test
    void podsReadBeforeTheirOwnersAreReportedAtTheTopLevelOwnerOnceTheOwnersAreKnown() {
        ListFindings pods = new ListFindings();
        for (int i = 0; i < 3; i++) {
            addPod(pods, pod("web-5c6b-" + i, "web-5c6b", "ReplicaSet", "rs-uid", "sock"));
        }
        addPod(pods, pod("lonely", null, null, null, "sock"));
        // the owners are only known now, after the pods were gathered
        OwnerIndex owners = new OwnerIndex();
        owners.remember("rs-uid", new ObjectRef("apps/v1", "ReplicaSet", "apps", "web-5c6b"),
                new OwnerLink("deploy-uid", "apps/v1", "Deployment", "apps", "web"));
        owners.remember("deploy-uid", new ObjectRef("apps/v1", "Deployment", "apps", "web"), null);

        assertThat(results(owners, pods)).containsExactly(
                "DS101 Deployment/web spec.template.spec.volumes[0].hostPath.path pods=3 owner=Deployment/web",
                "DS101 Pod/lonely spec.volumes[0].hostPath.path pods=1 owner=Pod/lonely");
        // without them, at the owner the pods name
        assertThat(results(new OwnerIndex(), pods)).containsExactly(
                "DS101 ReplicaSet/web-5c6b spec.template.spec.volumes[0].hostPath.path pods=3 owner=ReplicaSet/web-5c6b",
                "DS101 Pod/lonely spec.volumes[0].hostPath.path pods=1 owner=Pod/lonely");
    }

    @Test
    void theControllersOwnFindingComesFirstAndItsPodsAreCountedOnIt() {
        JsonNode deployment = object("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web',"
                + "'namespace':'apps','uid':'deploy-uid'},'spec':{'template':{'spec':{'volumes':[{'name':'sock',"
                + "'hostPath':{'path':'" + SOCKET + "'}}]}}}}");
        ListFindings controllers = new ListFindings();
        ObjectRef ref = Resource.identify(deployment);
        List<Finding> own = socketFindings(deployment, "spec.template");
        controllers.addOwn(own, deployment, ref, TopOwner.of(ref), false);
        ListFindings pods = new ListFindings();
        // the pods list the volume second: the same volume by name, another index
        addPod(pods, pod("web-1", "web", "Deployment", "deploy-uid", "tmp", "sock"));
        addPod(pods, pod("web-2", "web", "Deployment", "deploy-uid", "tmp", "sock"));
        OwnerIndex owners = new OwnerIndex();
        owners.remember("deploy-uid", ref, null);

        WorkloadFindings into = new WorkloadFindings();
        controllers.replay(owners, into);
        pods.replay(owners, into);
        // the template's volume and the pods' "sock" volumes are one finding; the pods' "tmp" volumes another
        assertThat(into.results()).extracting(ListFindingsTest::describe).containsExactly(
                "DS101 Deployment/web spec.template.spec.volumes[0].hostPath.path pods=2 owner=Deployment/web",
                "DS101 Deployment/web spec.template.spec.volumes[0].hostPath.path pods=2 owner=Deployment/web");
        assertThat(into.results().get(0).fingerprint()).isEqualTo(own.get(0).fingerprint());
        assertThat(into.results().get(1).fingerprint()).isNotEqualTo(own.get(0).fingerprint());
    }

    @Test
    void anOwnerWithoutAPodTemplateKeepsEachPathOfItsPods() {
        ListFindings pods = new ListFindings();
        addPod(pods, pod("step-1", "build", "Workflow", "wf-uid", "sock"));
        addPod(pods, pod("step-2", "build", "Workflow", "wf-uid", "tmp", "sock"));
        OwnerIndex owners = new OwnerIndex();
        owners.remember("wf-uid", new ObjectRef("argoproj.io/v1alpha1", "Workflow", "apps", "build"), null);
        assertThat(results(owners, pods)).containsExactly(
                "DS101 Workflow/build spec.volumes[0].hostPath.path pods=2 owner=Workflow/build",
                "DS101 Workflow/build spec.volumes[1].hostPath.path pods=1 owner=Workflow/build");
    }

    @Test
    void aListGatheredInPartsGivesWhatItGivesInOnePiece() {
        List<JsonNode> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            all.add(pod("a-" + i, "rs-" + (i % 3), "ReplicaSet", "rs-uid-" + (i % 3), i % 2 == 0 ? "sock" : "x"));
            all.add(pod("b-" + i, null, null, null, "sock", "other"));
        }
        OwnerIndex owners = new OwnerIndex();
        owners.remember("rs-uid-0", new ObjectRef("apps/v1", "ReplicaSet", "apps", "rs-0"),
                new OwnerLink("d-uid", "apps/v1", "Deployment", "apps", "d"));
        owners.remember("rs-uid-1", new ObjectRef("apps/v1", "ReplicaSet", "apps", "rs-1"),
                new OwnerLink("wf-uid", "argoproj.io/v1alpha1", "Workflow", "apps", "wf"));
        owners.remember("wf-uid", new ObjectRef("argoproj.io/v1alpha1", "Workflow", "apps", "wf"), null);

        ListFindings whole = new ListFindings();
        all.forEach(p -> addPod(whole, p));
        ListFindings joined = new ListFindings();
        for (int from = 0; from < all.size(); from += 5) {
            ListFindings part = new ListFindings();
            all.subList(from, Math.min(all.size(), from + 5)).forEach(p -> addPod(part, p));
            joined.append(part);
        }
        List<String> expected = results(owners, whole);
        // rs-0 (Deployment d) and rs-2 (not read): volumes "sock" and "x" apart, two pods each; rs-1 (Workflow
        // wf, no template): one path for its four pods; the 12 pods without owner: two findings each
        assertThat(expected).hasSize(2 + 1 + 2 + 2 * 12).containsSubsequence(
                "DS101 Deployment/d spec.template.spec.volumes[0].hostPath.path pods=2 owner=Deployment/d",
                "DS101 Workflow/wf spec.volumes[0].hostPath.path pods=4 owner=Workflow/wf",
                "DS101 ReplicaSet/rs-2 spec.template.spec.volumes[0].hostPath.path pods=2 owner=ReplicaSet/rs-2",
                "DS101 Deployment/d spec.template.spec.volumes[0].hostPath.path pods=2 owner=Deployment/d");
        assertThat(results(owners, joined)).isEqualTo(expected);
        assertThat(joined.size()).isEqualTo(whole.size());
    }

    @Test
    void ownerChainsAreFollowedAndCyclesCut() {
        OwnerIndex owners = new OwnerIndex();
        owners.remember("a", new ObjectRef("x/v1", "A", "ns", "a"), new OwnerLink("b", "x/v1", "B", "ns", "b"));
        owners.remember("b", new ObjectRef("x/v1", "B", "ns", "b"), new OwnerLink("a", "x/v1", "A", "ns", "a"));
        owners.remember("job", new ObjectRef("batch/v1", "Job", "ns", "job-1"),
                new OwnerLink("cj", "batch/v1", "CronJob", "ns", "nightly"));
        owners.remember("cj", new ObjectRef("batch/v1", "CronJob", "ns", "nightly"), null);
        assertThat(owners.resolve(new OwnerLink("job", "batch/v1", "Job", "ns", "job-1")))
                .isEqualTo(TopOwner.of(new ObjectRef("batch/v1", "CronJob", "ns", "nightly")));
        // by name when the uid does not match (a restored object)
        assertThat(owners.resolve(new OwnerLink("other-uid", "batch/v1", "Job", "ns", "job-1")).ref().name())
                .isEqualTo("nightly");
        assertThat(owners.resolve(new OwnerLink("a", "x/v1", "A", "ns", "a")).ref().kind()).isIn("A", "B");
    }
}
